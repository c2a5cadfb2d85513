using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentBot.Testing.FakeGitHub.Routes;

/// <summary>A repository, its contents at a ref, its branches, and a user's permission on it.</summary>
internal static class RepositoryRoutes
{
    public static void Map(IEndpointRouteBuilder routes, FakeGitHubServer server)
    {
        routes.MapGet("/repos/{owner}/{repo}", (string owner, string repo) =>
            server.WithRepository(owner, repo, r => GitHubResponse.Ok(RepositoryJson(r, server))));

        routes.MapGet("/repos/{owner}/{repo}/contents/{**path}", (HttpContext context, string owner, string repo, string? path) =>
            server.WithRepository(owner, repo, r => Contents(context, server, r, RouteValue.Decode(path).Trim('/'))));

        routes.MapGet("/repos/{owner}/{repo}/branches/{**branch}", (string owner, string repo, string branch) =>
            server.WithRepository(owner, repo, r =>
            {
                branch = RouteValue.Decode(branch);
                var sha = r.Git.Ref(FakeRepository.BranchRef(branch)) ?? throw GitHubError.NotFound(Docs.Branches, "Branch not found");
                return GitHubResponse.Ok(new JsonObject
                {
                    ["name"] = branch,
                    ["commit"] = GitDataRoutes.RepoCommitJson(r, server, r.Git.Commit(sha)!),
                    ["protected"] = false,
                });
            }));

        routes.MapGet("/repos/{owner}/{repo}/collaborators/{username}/permission", (string owner, string repo, string username) =>
            server.WithRepository(owner, repo, r =>
            {
                var role = r.PermissionsByLogin.GetValueOrDefault(username, "none");
                // The legacy "permission" folds maintain into write and triage into read; role_name keeps the exact role.
                var permission = role switch { "maintain" => "write", "triage" => "read", _ => role };
                return GitHubResponse.Ok(new JsonObject
                {
                    ["permission"] = permission,
                    ["role_name"] = role,
                    ["user"] = GitHubJson.User(server.User(username), server.BaseUrl),
                });
            }));
    }

    public static JsonObject RepositoryJson(FakeRepository repository, FakeGitHubServer server) => new()
    {
        ["id"] = repository.Id,
        ["node_id"] = repository.NodeId,
        ["name"] = repository.Name,
        ["full_name"] = repository.FullName,
        ["private"] = repository.IsPrivate,
        ["owner"] = GitHubJson.User(repository.Owner, server.BaseUrl),
        ["html_url"] = GitHubJson.WebUrl + repository.FullName,
        ["url"] = server.ApiUrl($"repos/{repository.FullName}"),
        ["clone_url"] = repository.CloneUrl,
        ["default_branch"] = repository.DefaultBranch,
        ["fork"] = false,
        ["visibility"] = repository.IsPrivate ? "private" : "public",
    };

    private static GitHubResponse Contents(HttpContext context, FakeGitHubServer server, FakeRepository repository, string path)
    {
        var reference = context.Request.Query["ref"].ToString() is { Length: > 0 } given ? given : repository.DefaultBranch;
        var sha = repository.Git.ResolveCommit(reference)
            ?? throw GitHubError.NotFound(Docs.Contents, $"No commit found for the ref {reference}");
        var entry = repository.Git.Find(repository.Git.Commit(sha)!.TreeSha, path) ?? throw GitHubError.NotFound(Docs.Contents);
        if (entry.Type == "tree")
        {
            var listing = new JsonArray();
            foreach (var child in repository.Git.Tree(entry.Sha)!)
            {
                listing.Add(ContentJson(server, repository, reference, path.Length == 0 ? child.Name : $"{path}/{child.Name}", child));
            }

            return GitHubResponse.Ok(listing);
        }

        var file = ContentJson(server, repository, reference, path, entry);
        file["encoding"] = "base64";
        file["content"] = GitHubJson.Base64Lines(repository.Git.Blob(entry.Sha) ?? []);
        return GitHubResponse.Ok(file);
    }

    private static JsonObject ContentJson(FakeGitHubServer server, FakeRepository repository, string reference, string path, GitTreeEntry entry)
    {
        var isDirectory = entry.Type == "tree";
        var escapedPath = string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
        var url = server.ApiUrl($"repos/{repository.FullName}/contents/{escapedPath}?ref={Uri.EscapeDataString(reference)}");
        var gitUrl = server.ApiUrl($"repos/{repository.FullName}/git/{(isDirectory ? "trees" : "blobs")}/{entry.Sha}");
        var htmlUrl = $"{GitHubJson.WebUrl}{repository.FullName}/{(isDirectory ? "tree" : "blob")}/{reference}/{escapedPath}";
        return new JsonObject
        {
            ["type"] = isDirectory ? "dir" : entry.Type == "commit" ? "submodule" : "file",
            ["size"] = isDirectory ? 0 : repository.Git.Blob(entry.Sha)?.Length ?? 0,
            ["name"] = entry.Name,
            ["path"] = path,
            ["sha"] = entry.Sha,
            ["url"] = url,
            ["git_url"] = gitUrl,
            ["html_url"] = htmlUrl,
            ["download_url"] = isDirectory ? null : $"https://raw.githubusercontent.com/{repository.FullName}/{reference}/{escapedPath}",
            ["_links"] = new JsonObject { ["self"] = url, ["git"] = gitUrl, ["html"] = htmlUrl },
        };
    }
}
