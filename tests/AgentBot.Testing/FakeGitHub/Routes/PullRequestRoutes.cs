using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentBot.Testing.FakeGitHub.Routes;

/// <summary>Pull requests: create, read, list, update, and their changed files.</summary>
internal static class PullRequestRoutes
{
    public static void Map(IEndpointRouteBuilder routes, FakeGitHubServer server)
    {
        routes.MapGet("/repos/{owner}/{repo}/pulls", (HttpContext context, string owner, string repo) =>
            server.WithRepository(owner, repo, r =>
            {
                var query = context.Request.Query;
                var state = query["state"].ToString() is { Length: > 0 } s ? s : "open";
                var head = query["head"].ToString();
                var baseRef = query["base"].ToString();
                var pulls = r.PullsByNumber.Values
                    .Where(p => state == "all" || r.IssuesByNumber[p.Number].State == state)
                    .Where(p => head.Length == 0 || SameHead(r, head, p.HeadRef))
                    .Where(p => baseRef.Length == 0 || p.BaseRef == baseRef)
                    .OrderByDescending(p => p.Number)
                    .ToList();
                return GitHubResponse.Ok(new JsonArray([.. Pagination.Page(context, server.BaseUrl, pulls).Select(p => (JsonNode)PullJson(server, r, p))]));
            }));

        routes.MapPost("/repos/{owner}/{repo}/pulls", (HttpContext context, string owner, string repo) =>
            server.WithRepository(owner, repo, r => GitHubResponse.Created(PullJson(server, r, Create(server, r, context.Fake().Object())))));

        routes.MapGet("/repos/{owner}/{repo}/pulls/{number:int}", (string owner, string repo, int number) =>
            server.WithRepository(owner, repo, r => GitHubResponse.Ok(PullJson(server, r, r.RequirePull(number)))));

        routes.MapPatch("/repos/{owner}/{repo}/pulls/{number:int}", (HttpContext context, string owner, string repo, int number) =>
            server.WithRepository(owner, repo, r =>
            {
                var pull = r.RequirePull(number);
                var body = context.Fake().Object();
                if (body.OptionalString("base") is { } baseRef)
                {
                    if (r.Git.Ref(FakeRepository.BranchRef(baseRef)) is null)
                    {
                        throw GitHubError.Validation("PullRequest", "invalid", "base", documentationUrl: Docs.Pulls);
                    }

                    pull = pull with { BaseRef = baseRef };
                    r.PullsByNumber[number] = pull;
                }

                var fields = new JsonObject();
                foreach (var name in (string[])["title", "body", "state"])
                {
                    if (body[name] is { } value)
                    {
                        fields[name] = value.DeepClone();
                    }
                }

                IssueRoutes.UpdateIssue(server, r, r.IssuesByNumber[number], fields);
                return GitHubResponse.Ok(PullJson(server, r, pull));
            }));

        routes.MapGet("/repos/{owner}/{repo}/pulls/{number:int}/files", (HttpContext context, string owner, string repo, int number) =>
            server.WithRepository(owner, repo, r =>
            {
                var pull = r.RequirePull(number);
                var headSha = r.HeadSha(pull);
                var files = Pagination.Page(context, server.BaseUrl, r.PullFiles(pull));
                return GitHubResponse.Ok(new JsonArray([.. files.Select(f => (JsonNode)FileJson(r, headSha, f))]));
            }));
    }

    public static JsonObject PullJson(FakeGitHubServer server, FakeRepository repository, FakePullRequest pull)
    {
        var issue = repository.IssuesByNumber[pull.Number];
        var files = repository.PullFiles(pull);
        var apiUrl = server.ApiUrl($"repos/{repository.FullName}/pulls/{pull.Number}");
        var htmlUrl = $"{GitHubJson.WebUrl}{repository.FullName}/pull/{pull.Number}";
        var headSha = repository.HeadSha(pull);
        var baseSha = repository.BaseSha(pull);
        var commits = repository.Git.Commit(headSha) is not null && repository.Git.Commit(baseSha) is not null
            ? repository.Git.CommitsBetween(baseSha, headSha).Count
            : 1;
        return new JsonObject
        {
            ["url"] = apiUrl,
            ["id"] = pull.Id,
            ["node_id"] = pull.NodeId,
            ["html_url"] = htmlUrl,
            ["diff_url"] = htmlUrl + ".diff",
            ["patch_url"] = htmlUrl + ".patch",
            ["issue_url"] = server.ApiUrl($"repos/{repository.FullName}/issues/{pull.Number}"),
            ["number"] = pull.Number,
            ["state"] = issue.State,
            ["locked"] = false,
            ["title"] = issue.Title,
            ["user"] = GitHubJson.User(issue.User, server.BaseUrl),
            ["body"] = issue.Body,
            ["labels"] = IssueRoutes.LabelsJson(server, repository, issue),
            ["created_at"] = GitHubJson.Time(issue.CreatedAt),
            ["updated_at"] = GitHubJson.Time(issue.UpdatedAt),
            ["closed_at"] = GitHubJson.Time(issue.ClosedAt),
            ["merged_at"] = null,
            ["merge_commit_sha"] = null,
            ["draft"] = pull.Draft,
            ["merged"] = pull.Merged,
            ["mergeable"] = true,
            ["head"] = BranchJson(server, repository, pull.HeadRef, headSha),
            ["base"] = BranchJson(server, repository, pull.BaseRef, baseSha),
            ["author_association"] = repository.AuthorAssociation(issue.User),
            ["comments"] = repository.CommentsById.Values.Count(c => c.IssueNumber == pull.Number),
            ["review_comments"] = repository.ReviewsById.Values.Where(v => v.PullNumber == pull.Number).Sum(v => v.Comments.Count),
            ["commits"] = commits,
            ["additions"] = files.Sum(f => f.Additions),
            ["deletions"] = files.Sum(f => f.Deletions),
            ["changed_files"] = files.Count,
        };
    }

    public static JsonObject FileJson(FakeRepository repository, string headSha, FakePullRequestFile file)
    {
        var path = string.Join('/', file.Filename.Split('/').Select(Uri.EscapeDataString));
        var json = new JsonObject
        {
            ["sha"] = file.Sha,
            ["filename"] = file.Filename,
            ["status"] = file.Status,
            ["additions"] = file.Additions,
            ["deletions"] = file.Deletions,
            ["changes"] = file.Additions + file.Deletions,
            ["blob_url"] = $"{GitHubJson.WebUrl}{repository.FullName}/blob/{headSha}/{path}",
            ["raw_url"] = $"{GitHubJson.WebUrl}{repository.FullName}/raw/{headSha}/{path}",
        };
        // GitHub leaves patch out for binary and very large files rather than sending null.
        if (file.Patch is not null)
        {
            json["patch"] = file.Patch;
        }

        if (file.PreviousFilename is not null)
        {
            json["previous_filename"] = file.PreviousFilename;
        }

        return json;
    }

    private static JsonObject BranchJson(FakeGitHubServer server, FakeRepository repository, string reference, string sha)
    {
        var repo = RepositoryRoutes.RepositoryJson(repository, server);
        return new JsonObject
        {
            ["label"] = $"{repository.Owner.Login}:{reference}",
            ["ref"] = reference,
            ["sha"] = sha,
            ["user"] = GitHubJson.User(repository.Owner, server.BaseUrl),
            ["repo"] = repo,
        };
    }

    private static FakePullRequest Create(FakeGitHubServer server, FakeRepository repository, JsonObject body)
    {
        var title = body.OptionalString("title") ?? throw GitHubError.Validation("PullRequest", "missing_field", "title", documentationUrl: Docs.Pulls);
        var head = body.OptionalString("head") ?? throw GitHubError.Validation("PullRequest", "missing_field", "head", documentationUrl: Docs.Pulls);
        var baseRef = body.OptionalString("base") ?? throw GitHubError.Validation("PullRequest", "missing_field", "base", documentationUrl: Docs.Pulls);
        // head may be "owner:branch"; forks are not modelled, so the owner must be this repository's.
        var headRef = head.Contains(':', StringComparison.Ordinal) ? head[(head.IndexOf(':', StringComparison.Ordinal) + 1)..] : head;
        var git = repository.Git;
        var baseSha = git.Ref(FakeRepository.BranchRef(baseRef)) ?? throw GitHubError.Validation("PullRequest", "invalid", "base", documentationUrl: Docs.Pulls);
        var headSha = git.Ref(FakeRepository.BranchRef(headRef)) ?? throw GitHubError.Validation("PullRequest", "invalid", "head", documentationUrl: Docs.Pulls);
        if (repository.PullsByNumber.Values.Any(p => p.HeadRef == headRef && p.BaseRef == baseRef && repository.IssuesByNumber[p.Number].State == "open"))
        {
            throw GitHubError.Validation(
                "PullRequest", "custom", null, $"A pull request already exists for {repository.Owner.Login}:{headRef}.", Docs.Pulls);
        }

        if (git.CommitsBetween(baseSha, headSha).Count == 0)
        {
            throw GitHubError.Validation("PullRequest", "custom", null, $"No commits between {baseRef} and {headRef}", Docs.Pulls);
        }

        var number = repository.NextNumber();
        repository.IssuesByNumber[number] = repository.NewIssue(
            number, title, body.OptionalString("body") ?? string.Empty, server.App.BotUser, [], isPullRequest: true);
        var id = server.NextId();
        var pull = new FakePullRequest(number, id, GitHubJson.NodeId("PR", id), headRef, baseRef, body.OptionalBool("draft") ?? false);
        repository.PullsByNumber[number] = pull;
        return pull;
    }

    private static bool SameHead(FakeRepository repository, string filter, string headRef) =>
        filter.Contains(':', StringComparison.Ordinal)
            ? string.Equals(filter, $"{repository.Owner.Login}:{headRef}", StringComparison.OrdinalIgnoreCase)
            : filter == headRef;
}
