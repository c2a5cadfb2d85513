using AgentBot.GitHub.Http;
using AgentBot.GitHub.Models;
using static AgentBot.GitHub.Api.GitHubPath;

namespace AgentBot.GitHub.Api;

/// <summary>Git data: trees, blobs, commits and refs, so a branch can be read and written without a clone; and compare.</summary>
public sealed class GitDataApi(GitHubConnection connection, GitHubAuth auth)
{
    private static readonly GitHubJsonContext Json = GitHubJsonContext.Default;

    public Task<GitTree> GetTreeAsync(string owner, string repo, string treeSha, bool recursive = true, CancellationToken cancellationToken = default) =>
        connection.SendAsync(auth, HttpMethod.Get, $"{Repo(owner, repo)}/git/trees/{Segment(treeSha)}{(recursive ? "?recursive=1" : string.Empty)}", Json.GitTree, cancellationToken);

    public async Task<byte[]> GetBlobAsync(string owner, string repo, string sha, CancellationToken cancellationToken = default)
    {
        var blob = await connection.SendAsync(auth, HttpMethod.Get, $"{Repo(owner, repo)}/git/blobs/{Segment(sha)}", Json.GitBlob, cancellationToken);
        return Base64.Decode(blob.Content, blob.Encoding);
    }

    public Task<CreatedObject> CreateBlobAsync(string owner, string repo, byte[] content, CancellationToken cancellationToken = default) =>
        connection.SendAsync(auth, HttpMethod.Post, $"{Repo(owner, repo)}/git/blobs",
            new CreateBlobRequest(Convert.ToBase64String(content), "base64"), Json.CreateBlobRequest, Json.CreatedObject, cancellationToken);

    public Task<CreatedObject> CreateTreeAsync(string owner, string repo, string? baseTree, IReadOnlyList<NewTreeEntry> entries, CancellationToken cancellationToken = default) =>
        connection.SendAsync(auth, HttpMethod.Post, $"{Repo(owner, repo)}/git/trees",
            new CreateTreeRequest(baseTree, entries), Json.CreateTreeRequest, Json.CreatedObject, cancellationToken);

    public Task<GitCommit> CreateCommitAsync(string owner, string repo, CreateCommitRequest commit, CancellationToken cancellationToken = default) =>
        connection.SendAsync(auth, HttpMethod.Post, $"{Repo(owner, repo)}/git/commits", commit, Json.CreateCommitRequest, Json.GitCommit, cancellationToken);

    /// <summary>A ref such as <c>heads/main</c>, or null when it does not exist.</summary>
    public async Task<GitReference?> GetReferenceAsync(string owner, string repo, string reference, CancellationToken cancellationToken = default)
    {
        try
        {
            return await connection.SendAsync(auth, HttpMethod.Get, $"{Repo(owner, repo)}/git/ref/{Segments(Short(reference))}", Json.GitReference, cancellationToken);
        }
        catch (GitHubApiException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    public Task<GitReference> CreateReferenceAsync(string owner, string repo, string reference, string sha, CancellationToken cancellationToken = default) =>
        connection.SendAsync(auth, HttpMethod.Post, $"{Repo(owner, repo)}/git/refs",
            new CreateReferenceRequest($"refs/{Short(reference)}", sha), Json.CreateReferenceRequest, Json.GitReference, cancellationToken);

    public Task<GitReference> UpdateReferenceAsync(string owner, string repo, string reference, string sha, bool force = false, CancellationToken cancellationToken = default) =>
        connection.SendAsync(auth, HttpMethod.Patch, $"{Repo(owner, repo)}/git/refs/{Segments(Short(reference))}",
            new UpdateReferenceRequest(sha, force), Json.UpdateReferenceRequest, Json.GitReference, cancellationToken);

    /// <summary>Commits and changed files between two commits, branches or tags.</summary>
    public Task<Comparison> CompareAsync(string owner, string repo, string @base, string head, CancellationToken cancellationToken = default) =>
        connection.SendAsync(auth, HttpMethod.Get, $"{Repo(owner, repo)}/compare/{Segments(@base)}...{Segments(head)}", Json.Comparison, cancellationToken);

    // Accept both "heads/x" and "refs/heads/x".
    private static string Short(string reference) => reference.StartsWith("refs/", StringComparison.Ordinal) ? reference[5..] : reference;
}
