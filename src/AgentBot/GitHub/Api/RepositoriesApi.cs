using AgentBot.GitHub.Http;
using AgentBot.GitHub.Models;
using static AgentBot.GitHub.Api.GitHubPath;

namespace AgentBot.GitHub.Api;

/// <summary>Repositories, contents and collaborator permissions.</summary>
public sealed class RepositoriesApi(GitHubConnection connection, GitHubAuth auth)
{
    private static readonly GitHubJsonContext Json = GitHubJsonContext.Default;

    public Task<Repository> GetAsync(string owner, string repo, CancellationToken cancellationToken = default) =>
        connection.SendAsync(auth, HttpMethod.Get, Repo(owner, repo), Json.Repository, cancellationToken);

    /// <summary>A file's content, decoded. <paramref name="reference"/> defaults to the default branch.</summary>
    public async Task<RepositoryFile> GetFileAsync(string owner, string repo, string path, string? reference = null, CancellationToken cancellationToken = default)
    {
        var item = await connection.SendAsync(auth, HttpMethod.Get, ContentsPath(owner, repo, path, reference), Json.ContentItem, cancellationToken);
        if (item.Type != "file" || item.Content is null)
        {
            throw new InvalidOperationException($"{path} is a {item.Type}, not a file with content.");
        }

        return new RepositoryFile(item.Path, item.Sha, Base64.Decode(item.Content, item.Encoding));
    }

    /// <summary>A directory's entries (files and folders, not their content).</summary>
    public Task<List<ContentItem>> ListDirectoryAsync(string owner, string repo, string path, string? reference = null, CancellationToken cancellationToken = default) =>
        connection.SendAsync(auth, HttpMethod.Get, ContentsPath(owner, repo, path, reference), Json.ListContentItem, cancellationToken);

    /// <summary>The user's permission on the repository; <c>none</c> for people without access.</summary>
    public Task<CollaboratorPermission> GetPermissionAsync(string owner, string repo, string user, CancellationToken cancellationToken = default) =>
        connection.SendAsync(auth, HttpMethod.Get, $"{Repo(owner, repo)}/collaborators/{Segment(user)}/permission", Json.CollaboratorPermission, cancellationToken);

    private static string ContentsPath(string owner, string repo, string path, string? reference)
    {
        var query = Query("ref", reference);
        return $"{Repo(owner, repo)}/contents/{Segments(path)}{(query.Length > 0 ? "?" + query : string.Empty)}";
    }
}

internal static class Base64
{
    /// <summary>GitHub wraps base64 content at 60 characters; the decoder must skip the line breaks.</summary>
    public static byte[] Decode(string content, string? encoding) => encoding switch
    {
        "base64" or null => Convert.FromBase64String(content.Replace("\n", string.Empty, StringComparison.Ordinal)),
        "utf-8" => System.Text.Encoding.UTF8.GetBytes(content),
        _ => throw new InvalidOperationException($"Unsupported content encoding '{encoding}'."),
    };
}
