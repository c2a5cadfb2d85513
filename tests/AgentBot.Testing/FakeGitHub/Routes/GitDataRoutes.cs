using System.Text;
using System.Text.Json.Nodes;
using AgentBot.Testing.FakeGitHub.GitData;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentBot.Testing.FakeGitHub.Routes;

/// <summary>The git data API (blobs, trees, commits, refs) and compare, over the repository's object store.</summary>
internal static class GitDataRoutes
{
    private static readonly string[] Modes = ["100644", "100755", "040000", "160000", "120000"];

    public static void Map(IEndpointRouteBuilder routes, FakeGitHubServer server)
    {
        routes.MapGet("/repos/{owner}/{repo}/git/blobs/{sha}", (string owner, string repo, string sha) =>
            server.WithRepository(owner, repo, r =>
            {
                var content = r.Git.Blob(sha) ?? throw GitHubError.NotFound(Docs.Blobs);
                return GitHubResponse.Ok(new JsonObject
                {
                    ["sha"] = sha,
                    ["node_id"] = "B_kwDO" + sha[..16],
                    ["size"] = content.Length,
                    ["url"] = server.ApiUrl($"repos/{r.FullName}/git/blobs/{sha}"),
                    ["content"] = GitHubJson.Base64Lines(content),
                    ["encoding"] = "base64",
                });
            }));

        routes.MapPost("/repos/{owner}/{repo}/git/blobs", (HttpContext context, string owner, string repo) =>
            server.WithRepository(owner, repo, r =>
            {
                var body = context.Fake().Object();
                var content = body.RequiredString("content");
                var encoding = body.OptionalString("encoding") ?? "utf-8";
                var bytes = encoding switch
                {
                    "utf-8" => Encoding.UTF8.GetBytes(content),
                    "base64" => Base64(content),
                    _ => throw GitHubError.InvalidRequest($"For 'properties/encoding', \"{encoding}\" is not one of utf-8, base64.", Docs.Blobs),
                };
                var sha = r.Git.WriteBlob(bytes);
                return GitHubResponse.Created(new JsonObject { ["sha"] = sha, ["url"] = server.ApiUrl($"repos/{r.FullName}/git/blobs/{sha}") });
            }));

        routes.MapGet("/repos/{owner}/{repo}/git/trees/{**treeish}", (HttpContext context, string owner, string repo, string treeish) =>
            server.WithRepository(owner, repo, r =>
            {
                // GitHub takes a tree sha, a commit sha or a branch name here.
                treeish = RouteValue.Decode(treeish);
                var treeSha = r.Git.Tree(treeish) is not null ? treeish
                    : r.Git.ResolveCommit(treeish) is { } commit ? r.Git.Commit(commit)!.TreeSha
                    : throw GitHubError.NotFound(Docs.Trees);
                var recursive = context.Request.Query["recursive"].ToString() is { Length: > 0 } flag && flag != "0" && flag != "false";
                return GitHubResponse.Ok(TreeJson(server, r, treeSha, recursive));
            }));

        routes.MapPost("/repos/{owner}/{repo}/git/trees", (HttpContext context, string owner, string repo) =>
            server.WithRepository(owner, repo, r => GitHubResponse.Created(TreeJson(server, r, CreateTree(r, context.Fake().Object()), recursive: false))));

        routes.MapGet("/repos/{owner}/{repo}/git/commits/{sha}", (string owner, string repo, string sha) =>
            server.WithRepository(owner, repo, r =>
                GitHubResponse.Ok(CommitJson(server, r, r.Git.Commit(sha) ?? throw GitHubError.NotFound(Docs.Commits)))));

        routes.MapPost("/repos/{owner}/{repo}/git/commits", (HttpContext context, string owner, string repo) =>
            server.WithRepository(owner, repo, r => GitHubResponse.Created(CommitJson(server, r, CreateCommit(server, r, context.Fake().Object())))));

        routes.MapGet("/repos/{owner}/{repo}/git/ref/{**reference}", (string owner, string repo, string reference) =>
            server.WithRepository(owner, repo, r =>
            {
                var name = "refs/" + RouteValue.Decode(reference);
                return GitHubResponse.Ok(RefJson(server, r, name, r.Git.Ref(name) ?? throw GitHubError.NotFound(Docs.Refs)));
            }));

        routes.MapPost("/repos/{owner}/{repo}/git/refs", (HttpContext context, string owner, string repo) =>
            server.WithRepository(owner, repo, r =>
            {
                var body = context.Fake().Object();
                var name = body.RequiredString("ref");
                var sha = body.RequiredString("sha");
                if (!name.StartsWith("refs/", StringComparison.Ordinal) || name.Count(c => c == '/') < 2)
                {
                    throw GitHubError.Unprocessable("Reference name must start with 'refs/' and have at least two slashes.", Docs.Refs);
                }

                if (r.Git.Ref(name) is not null)
                {
                    throw GitHubError.Unprocessable("Reference already exists", Docs.Refs);
                }

                if (r.Git.Commit(sha) is null)
                {
                    throw GitHubError.Unprocessable("Object does not exist", Docs.Refs);
                }

                r.Git.SetRef(name, sha);
                return GitHubResponse.Created(RefJson(server, r, name, sha));
            }));

        routes.MapPatch("/repos/{owner}/{repo}/git/refs/{**reference}", (HttpContext context, string owner, string repo, string reference) =>
            server.WithRepository(owner, repo, r =>
            {
                var body = context.Fake().Object();
                var sha = body.RequiredString("sha");
                var force = body.OptionalBool("force") ?? false;
                var name = "refs/" + RouteValue.Decode(reference);
                var current = r.Git.Ref(name) ?? throw GitHubError.Unprocessable("Reference does not exist", Docs.Refs);
                if (r.Git.Commit(sha) is null)
                {
                    throw GitHubError.Unprocessable("Object does not exist", Docs.Refs);
                }

                if (!force && !r.Git.IsAncestor(current, sha))
                {
                    throw GitHubError.Unprocessable("Update is not a fast forward", Docs.Refs);
                }

                r.Git.SetRef(name, sha);
                return GitHubResponse.Ok(RefJson(server, r, name, sha));
            }));

        routes.MapDelete("/repos/{owner}/{repo}/git/refs/{**reference}", (string owner, string repo, string reference) =>
            server.WithRepository(owner, repo, r =>
                r.Git.DeleteRef("refs/" + RouteValue.Decode(reference)) ? GitHubResponse.NoContent() : throw GitHubError.Unprocessable("Reference does not exist", Docs.Refs)));

        routes.MapGet("/repos/{owner}/{repo}/compare/{**basehead}", (string owner, string repo, string basehead) =>
            server.WithRepository(owner, repo, r => GitHubResponse.Ok(Compare(server, r, RouteValue.Decode(basehead)))));
    }

    public static JsonObject RefJson(FakeGitHubServer server, FakeRepository repository, string name, string sha) => new()
    {
        ["ref"] = name,
        ["node_id"] = "REF_kwDO" + Convert.ToBase64String(Encoding.UTF8.GetBytes(name)).TrimEnd('='),
        ["url"] = server.ApiUrl($"repos/{repository.FullName}/git/{name}"),
        ["object"] = new JsonObject
        {
            ["sha"] = sha,
            ["type"] = repository.Git.TypeOf(sha) ?? "commit",
            ["url"] = server.ApiUrl($"repos/{repository.FullName}/git/commits/{sha}"),
        },
    };

    public static JsonObject CommitJson(FakeGitHubServer server, FakeRepository repository, GitCommit commit) => new()
    {
        ["sha"] = commit.Sha,
        ["node_id"] = "C_kwDO" + commit.Sha[..16],
        ["url"] = server.ApiUrl($"repos/{repository.FullName}/git/commits/{commit.Sha}"),
        ["html_url"] = $"{GitHubJson.WebUrl}{repository.FullName}/commit/{commit.Sha}",
        ["author"] = SignatureJson(commit.Author),
        ["committer"] = SignatureJson(commit.Committer),
        ["message"] = commit.Message,
        ["tree"] = new JsonObject { ["sha"] = commit.TreeSha, ["url"] = server.ApiUrl($"repos/{repository.FullName}/git/trees/{commit.TreeSha}") },
        ["parents"] = new JsonArray([.. commit.Parents.Select(p => (JsonNode)new JsonObject
        {
            ["sha"] = p,
            ["url"] = server.ApiUrl($"repos/{repository.FullName}/git/commits/{p}"),
            ["html_url"] = $"{GitHubJson.WebUrl}{repository.FullName}/commit/{p}",
        })]),
        ["verification"] = new JsonObject { ["verified"] = false, ["reason"] = "unsigned", ["signature"] = null, ["payload"] = null },
    };

    /// <summary>A commit as the repos API (branches, compare) shows it: {sha, commit: {message, author, …}, parents}.</summary>
    public static JsonObject RepoCommitJson(FakeRepository repository, FakeGitHubServer server, GitCommit commit) => new()
    {
        ["sha"] = commit.Sha,
        ["node_id"] = "C_kwDO" + commit.Sha[..16],
        ["url"] = server.ApiUrl($"repos/{repository.FullName}/commits/{commit.Sha}"),
        ["html_url"] = $"{GitHubJson.WebUrl}{repository.FullName}/commit/{commit.Sha}",
        ["commit"] = new JsonObject
        {
            ["message"] = commit.Message,
            ["author"] = SignatureJson(commit.Author),
            ["committer"] = SignatureJson(commit.Committer),
            ["tree"] = new JsonObject { ["sha"] = commit.TreeSha },
        },
        ["parents"] = new JsonArray([.. commit.Parents.Select(p => (JsonNode)new JsonObject { ["sha"] = p })]),
    };

    private static JsonObject SignatureJson(GitSignature signature) => new()
    {
        ["name"] = signature.Name,
        ["email"] = signature.Email,
        ["date"] = GitHubJson.Time(signature.Date),
    };

    private static JsonObject TreeJson(FakeGitHubServer server, FakeRepository repository, string treeSha, bool recursive)
    {
        var entries = new JsonArray();
        foreach (var (path, entry) in repository.Git.Walk(treeSha, recursive))
        {
            var item = new JsonObject { ["path"] = path, ["mode"] = entry.Mode, ["type"] = entry.Type, ["sha"] = entry.Sha };
            if (entry.Type == "blob")
            {
                item["size"] = repository.Git.Blob(entry.Sha)?.Length ?? 0;
            }

            item["url"] = server.ApiUrl($"repos/{repository.FullName}/git/{(entry.Type == "tree" ? "trees" : "blobs")}/{entry.Sha}");
            entries.Add(item);
        }

        return new JsonObject
        {
            ["sha"] = treeSha,
            ["url"] = server.ApiUrl($"repos/{repository.FullName}/git/trees/{treeSha}"),
            ["tree"] = entries,
            ["truncated"] = false,
        };
    }

    private static string CreateTree(FakeRepository repository, JsonObject body)
    {
        var git = repository.Git;
        var files = body.OptionalString("base_tree") is { } baseTree
            ? git.Tree(baseTree) is not null ? git.Flatten(baseTree) : throw GitHubError.Unprocessable("base_tree is not a valid tree oid", Docs.Trees)
            : new Dictionary<string, GitFile>(StringComparer.Ordinal);
        foreach (var entry in (body.OptionalArray("tree") ?? throw JsonFields.Missing("tree")).Objects("tree"))
        {
            var path = entry.RequiredString("path");
            var mode = entry.RequiredString("mode");
            var type = entry.RequiredString("type");
            if (!Modes.Contains(mode))
            {
                throw GitHubError.InvalidRequest($"For 'properties/mode', \"{mode}\" is not one of {string.Join(", ", Modes)}.", Docs.Trees);
            }

            // "content" writes a new blob; an explicit "sha": null (and no content) deletes the path.
            if (entry.OptionalString("content") is { } content)
            {
                TreeEdit.Put(files, path, new GitFile(mode, "blob", git.WriteBlob(Encoding.UTF8.GetBytes(content))));
            }
            else if (entry.ContainsKey("sha") && entry["sha"] is null)
            {
                TreeEdit.Remove(files, path);
            }
            else if (entry.OptionalString("sha") is { } sha)
            {
                if (type == "tree")
                {
                    var subtree = git.Tree(sha) is not null ? git.Flatten(sha) : throw GitHubError.Unprocessable($"tree.sha {sha} is not a valid tree", Docs.Trees);
                    TreeEdit.Remove(files, path);
                    foreach (var (childPath, file) in subtree)
                    {
                        TreeEdit.Put(files, $"{path.Trim('/')}/{childPath}", file);
                    }
                }
                else if (type == "blob" && git.Blob(sha) is null)
                {
                    throw GitHubError.Unprocessable($"tree.sha {sha} is not a valid blob", Docs.Trees);
                }
                else
                {
                    TreeEdit.Put(files, path, new GitFile(mode, type, sha));
                }
            }
            else
            {
                throw GitHubError.Unprocessable("Must supply tree.sha or tree.content", Docs.Trees);
            }
        }

        return git.WriteFiles(files);
    }

    private static GitCommit CreateCommit(FakeGitHubServer server, FakeRepository repository, JsonObject body)
    {
        var git = repository.Git;
        var message = body.RequiredString("message");
        var tree = body.RequiredString("tree");
        if (git.Tree(tree) is null)
        {
            throw GitHubError.Unprocessable("Tree SHA does not exist", Docs.Commits);
        }

        var parents = (body.OptionalArray("parents") ?? []).Strings("parents");
        if (parents.Any(p => git.Commit(p) is null))
        {
            throw GitHubError.Unprocessable("Parent SHA does not exist or is not a commit object", Docs.Commits);
        }

        // Without an author GitHub uses the authenticated identity: for an installation token, the app's bot.
        var now = server.Time.GetUtcNow();
        var bot = server.App.BotUser;
        var fallback = new GitSignature(bot.Login, $"{bot.Id}+{bot.Login}@users.noreply.github.com", now);
        var author = Signature(body.OptionalObject("author"), fallback);
        var committer = Signature(body.OptionalObject("committer"), author);
        return git.Commit(git.WriteCommit(tree, parents, message, author, committer))!;
    }

    private static GitSignature Signature(JsonObject? given, GitSignature fallback) => given is null
        ? fallback
        : new GitSignature(
            given.OptionalString("name") ?? fallback.Name,
            given.OptionalString("email") ?? fallback.Email,
            given.OptionalTime("date") ?? fallback.Date);

    private static JsonObject Compare(FakeGitHubServer server, FakeRepository repository, string basehead)
    {
        var separator = basehead.IndexOf("...", StringComparison.Ordinal);
        if (separator < 0)
        {
            throw GitHubError.NotFound(Docs.Compare);
        }

        // Either side may be "owner:branch" (GitHub's cross-fork form); only this repository's branches exist here.
        var baseName = StripOwner(basehead[..separator]);
        var headName = StripOwner(basehead[(separator + 3)..]);
        var git = repository.Git;
        var baseSha = git.ResolveCommit(baseName) ?? throw GitHubError.NotFound(Docs.Compare);
        var headSha = git.ResolveCommit(headName) ?? throw GitHubError.NotFound(Docs.Compare);
        var comparison = GitComparison.Compute(git, baseSha, headSha)
            ?? throw GitHubError.NotFound(Docs.Compare, $"No common ancestor between {baseName} and {headName}.");

        var files = new JsonArray();
        foreach (var file in comparison.Files)
        {
            files.Add(PullRequestRoutes.FileJson(repository, headSha, file));
        }

        return new JsonObject
        {
            ["url"] = server.ApiUrl($"repos/{repository.FullName}/compare/{basehead}"),
            ["html_url"] = $"{GitHubJson.WebUrl}{repository.FullName}/compare/{basehead}",
            ["base_commit"] = RepoCommitJson(repository, server, git.Commit(baseSha)!),
            ["merge_base_commit"] = RepoCommitJson(repository, server, git.Commit(comparison.MergeBase)!),
            ["status"] = comparison.Status,
            ["ahead_by"] = comparison.AheadBy,
            ["behind_by"] = comparison.BehindBy,
            ["total_commits"] = comparison.AheadBy,
            ["commits"] = new JsonArray([.. comparison.Commits.Select(c => (JsonNode)RepoCommitJson(repository, server, c))]),
            ["files"] = files,
        };
    }

    private static string StripOwner(string name) => name.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? name[(colon + 1)..] : name;

    private static byte[] Base64(string content)
    {
        try
        {
            return Convert.FromBase64String(content);
        }
        catch (FormatException)
        {
            throw GitHubError.Unprocessable("content is not valid Base64", Docs.Blobs);
        }
    }
}
