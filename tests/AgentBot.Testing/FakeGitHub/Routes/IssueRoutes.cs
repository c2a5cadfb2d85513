using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentBot.Testing.FakeGitHub.Routes;

/// <summary>Issues (pull requests included, as on GitHub), their comments, reactions and labels.</summary>
internal static class IssueRoutes
{
    private const int MaxCommentLength = 65536;
    private static readonly string[] ReactionContents = ["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"];

    public static void Map(IEndpointRouteBuilder routes, FakeGitHubServer server)
    {
        routes.MapPost("/repos/{owner}/{repo}/issues", (HttpContext context, string owner, string repo) =>
            server.WithRepository(owner, repo, r =>
            {
                var body = context.Fake().Object();
                var title = body.OptionalString("title") ?? throw GitHubError.Validation("Issue", "missing_field", "title", documentationUrl: Docs.Issues);
                var labels = body.OptionalArray("labels")?.Strings("labels") ?? [];
                var issue = r.NewIssue(r.NextNumber(), title, body.OptionalString("body") ?? string.Empty, server.App.BotUser, labels, isPullRequest: false);
                r.IssuesByNumber[issue.Number] = issue;
                return GitHubResponse.Created(IssueJson(server, r, issue));
            }));

        routes.MapGet("/repos/{owner}/{repo}/issues/{number:int}", (string owner, string repo, int number) =>
            server.WithRepository(owner, repo, r => GitHubResponse.Ok(IssueJson(server, r, r.RequireIssue(number)))));

        routes.MapPatch("/repos/{owner}/{repo}/issues/{number:int}", (HttpContext context, string owner, string repo, int number) =>
            server.WithRepository(owner, repo, r =>
            {
                var issue = UpdateIssue(server, r, r.RequireIssue(number), context.Fake().Object());
                return GitHubResponse.Ok(IssueJson(server, r, issue));
            }));

        routes.MapGet("/repos/{owner}/{repo}/issues/{number:int}/comments", (HttpContext context, string owner, string repo, int number) =>
            server.WithRepository(owner, repo, r =>
            {
                r.RequireIssue(number, Docs.Comments);
                var comments = r.CommentsById.Values.Where(c => c.IssueNumber == number).ToList();
                return GitHubResponse.Ok(new JsonArray([.. Pagination.Page(context, server.BaseUrl, comments).Select(c => (JsonNode)CommentJson(server, r, c))]));
            }));

        routes.MapPost("/repos/{owner}/{repo}/issues/{number:int}/comments", (HttpContext context, string owner, string repo, int number) =>
            server.WithRepository(owner, repo, r =>
            {
                r.RequireIssue(number, Docs.Comments);
                var comment = r.NewComment(number, server.App.BotUser, CommentBody(context.Fake().Object())) with { ViaApp = true };
                r.CommentsById[comment.Id] = comment;
                return GitHubResponse.Created(CommentJson(server, r, comment));
            }));

        routes.MapGet("/repos/{owner}/{repo}/issues/comments/{id:long}", (string owner, string repo, long id) =>
            server.WithRepository(owner, repo, r => GitHubResponse.Ok(CommentJson(server, r, r.RequireComment(id)))));

        routes.MapPatch("/repos/{owner}/{repo}/issues/comments/{id:long}", (HttpContext context, string owner, string repo, long id) =>
            server.WithRepository(owner, repo, r =>
            {
                var comment = r.RequireComment(id);
                var body = CommentBody(context.Fake().Object());
                comment = comment with { Body = body, UpdatedAt = server.Time.GetUtcNow(), Edits = comment.Edits + 1 };
                r.CommentsById[id] = comment;
                return GitHubResponse.Ok(CommentJson(server, r, comment));
            }));

        routes.MapDelete("/repos/{owner}/{repo}/issues/comments/{id:long}", (string owner, string repo, long id) =>
            server.WithRepository(owner, repo, r =>
            {
                r.RequireComment(id);
                r.CommentsById.Remove(id);
                r.ReactionList.RemoveAll(x => x.CommentId == id);
                return GitHubResponse.NoContent();
            }));

        routes.MapPost("/repos/{owner}/{repo}/issues/{number:int}/reactions", (HttpContext context, string owner, string repo, int number) =>
            server.WithRepository(owner, repo, r =>
            {
                r.RequireIssue(number, Docs.Reactions);
                return React(context, server, r, number, commentId: null);
            }));

        routes.MapGet("/repos/{owner}/{repo}/issues/{number:int}/reactions", (HttpContext context, string owner, string repo, int number) =>
            server.WithRepository(owner, repo, r =>
            {
                r.RequireIssue(number, Docs.Reactions);
                return ListReactions(context, server, r.ReactionList.Where(x => x.IssueNumber == number).ToList());
            }));

        routes.MapPost("/repos/{owner}/{repo}/issues/comments/{id:long}/reactions", (HttpContext context, string owner, string repo, long id) =>
            server.WithRepository(owner, repo, r =>
            {
                r.RequireComment(id);
                return React(context, server, r, issueNumber: null, id);
            }));

        routes.MapGet("/repos/{owner}/{repo}/issues/comments/{id:long}/reactions", (HttpContext context, string owner, string repo, long id) =>
            server.WithRepository(owner, repo, r =>
            {
                r.RequireComment(id);
                return ListReactions(context, server, r.ReactionList.Where(x => x.CommentId == id).ToList());
            }));

        routes.MapGet("/repos/{owner}/{repo}/issues/{number:int}/labels", (HttpContext context, string owner, string repo, int number) =>
            server.WithRepository(owner, repo, r =>
            {
                var labels = r.RequireIssue(number, Docs.Labels).Labels.Select(name => r.LabelsByName[name]).ToList();
                return GitHubResponse.Ok(new JsonArray([.. Pagination.Page(context, server.BaseUrl, labels).Select(l => (JsonNode)LabelJson(server, r, l))]));
            }));

        routes.MapPost("/repos/{owner}/{repo}/issues/{number:int}/labels", (HttpContext context, string owner, string repo, int number) =>
            server.WithRepository(owner, repo, r => SetLabels(context, server, r, number, replace: false)));

        routes.MapPut("/repos/{owner}/{repo}/issues/{number:int}/labels", (HttpContext context, string owner, string repo, int number) =>
            server.WithRepository(owner, repo, r => SetLabels(context, server, r, number, replace: true)));

        routes.MapDelete("/repos/{owner}/{repo}/issues/{number:int}/labels/{name}", (string owner, string repo, int number, string name) =>
            server.WithRepository(owner, repo, r =>
            {
                var issue = r.RequireIssue(number, Docs.Labels);
                name = RouteValue.Decode(name);
                if (!issue.Labels.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    throw GitHubError.NotFound(Docs.Labels, "Label does not exist");
                }

                issue = issue with
                {
                    Labels = [.. issue.Labels.Where(l => !string.Equals(l, name, StringComparison.OrdinalIgnoreCase))],
                    UpdatedAt = server.Time.GetUtcNow(),
                };
                r.IssuesByNumber[number] = issue;
                return GitHubResponse.Ok(LabelsJson(server, r, issue));
            }));
    }

    public static JsonObject IssueJson(FakeGitHubServer server, FakeRepository repository, FakeIssue issue)
    {
        var apiUrl = server.ApiUrl($"repos/{repository.FullName}/issues/{issue.Number}");
        var pull = repository.PullsByNumber.GetValueOrDefault(issue.Number);
        var json = new JsonObject
        {
            ["url"] = apiUrl,
            ["repository_url"] = server.ApiUrl($"repos/{repository.FullName}"),
            ["comments_url"] = apiUrl + "/comments",
            ["html_url"] = HtmlUrl(repository, issue.Number),
            ["id"] = issue.Id,
            ["node_id"] = issue.NodeId,
            ["number"] = issue.Number,
            ["title"] = issue.Title,
            ["user"] = GitHubJson.User(issue.User, server.BaseUrl),
            ["labels"] = LabelsJson(server, repository, issue),
            ["state"] = issue.State,
            ["state_reason"] = issue.State == "closed" ? "completed" : null,
            ["locked"] = false,
            ["assignee"] = null,
            ["assignees"] = new JsonArray(),
            ["milestone"] = null,
            ["comments"] = repository.CommentsById.Values.Count(c => c.IssueNumber == issue.Number),
            ["created_at"] = GitHubJson.Time(issue.CreatedAt),
            ["updated_at"] = GitHubJson.Time(issue.UpdatedAt),
            ["closed_at"] = GitHubJson.Time(issue.ClosedAt),
            ["author_association"] = repository.AuthorAssociation(issue.User),
            ["body"] = issue.Body,
        };
        if (pull is not null)
        {
            json["draft"] = pull.Draft;
            json["pull_request"] = new JsonObject
            {
                ["url"] = server.ApiUrl($"repos/{repository.FullName}/pulls/{issue.Number}"),
                ["html_url"] = $"{GitHubJson.WebUrl}{repository.FullName}/pull/{issue.Number}",
                ["diff_url"] = $"{GitHubJson.WebUrl}{repository.FullName}/pull/{issue.Number}.diff",
                ["patch_url"] = $"{GitHubJson.WebUrl}{repository.FullName}/pull/{issue.Number}.patch",
                ["merged_at"] = null,
            };
        }

        return json;
    }

    public static JsonArray LabelsJson(FakeGitHubServer server, FakeRepository repository, FakeIssue issue) =>
        new([.. issue.Labels.Select(name => (JsonNode)LabelJson(server, repository, repository.LabelsByName[name]))]);

    public static FakeIssue UpdateIssue(FakeGitHubServer server, FakeRepository repository, FakeIssue issue, JsonObject body)
    {
        var now = server.Time.GetUtcNow();
        var state = body.OptionalString("state") ?? issue.State;
        if (state is not ("open" or "closed"))
        {
            throw GitHubError.Validation("Issue", "invalid", "state", documentationUrl: Docs.Issues);
        }

        issue = issue with
        {
            Title = body.OptionalString("title") ?? issue.Title,
            Body = body.OptionalString("body") ?? issue.Body,
            State = state,
            ClosedAt = state == "closed" ? issue.ClosedAt ?? now : null,
            UpdatedAt = now,
        };
        if (body.OptionalArray("labels") is { } labels)
        {
            issue = issue with { Labels = [.. labels.Strings("labels").Select(l => repository.EnsureLabel(l).Name).Distinct(StringComparer.OrdinalIgnoreCase)] };
        }

        repository.IssuesByNumber[issue.Number] = issue;
        return issue;
    }

    private static string HtmlUrl(FakeRepository repository, int number) =>
        $"{GitHubJson.WebUrl}{repository.FullName}/{(repository.PullsByNumber.ContainsKey(number) ? "pull" : "issues")}/{number}";

    private static JsonObject LabelJson(FakeGitHubServer server, FakeRepository repository, FakeLabel label) => new()
    {
        ["id"] = label.Id,
        ["node_id"] = label.NodeId,
        ["url"] = server.ApiUrl($"repos/{repository.FullName}/labels/{Uri.EscapeDataString(label.Name)}"),
        ["name"] = label.Name,
        ["color"] = label.Color,
        ["default"] = false,
        ["description"] = null,
    };

    private static JsonObject CommentJson(FakeGitHubServer server, FakeRepository repository, FakeComment comment) => new()
    {
        ["id"] = comment.Id,
        ["node_id"] = comment.NodeId,
        ["url"] = server.ApiUrl($"repos/{repository.FullName}/issues/comments/{comment.Id}"),
        ["html_url"] = $"{HtmlUrl(repository, comment.IssueNumber)}#issuecomment-{comment.Id}",
        ["issue_url"] = server.ApiUrl($"repos/{repository.FullName}/issues/{comment.IssueNumber}"),
        ["body"] = comment.Body,
        ["user"] = GitHubJson.User(comment.User, server.BaseUrl),
        ["created_at"] = GitHubJson.Time(comment.CreatedAt),
        ["updated_at"] = GitHubJson.Time(comment.UpdatedAt),
        ["author_association"] = repository.AuthorAssociation(comment.User),
        ["performed_via_github_app"] = comment.ViaApp ? AppRoutes.AppJson(server) : null,
    };

    private static string CommentBody(JsonObject body)
    {
        var text = body.OptionalString("body") ?? throw GitHubError.Validation("IssueComment", "missing_field", "body", documentationUrl: Docs.Comments);
        return text.Length <= MaxCommentLength
            ? text
            : throw GitHubError.Validation("IssueComment", "custom", "body", $"body is too long (maximum is {MaxCommentLength} characters)", Docs.Comments);
    }

    private static GitHubResponse React(HttpContext context, FakeGitHubServer server, FakeRepository repository, int? issueNumber, long? commentId)
    {
        var content = context.Fake().Object().OptionalString("content")
            ?? throw GitHubError.InvalidRequest("\"content\" wasn't supplied.", Docs.Reactions);
        if (!ReactionContents.Contains(content))
        {
            throw GitHubError.Validation("Reaction", "custom", "content", "content is not included in the list", Docs.Reactions);
        }

        var user = server.App.BotUser;
        // The same user reacting the same way again gets the existing reaction back with 200, not a second one.
        if (repository.ReactionList.FirstOrDefault(x => x.IssueNumber == issueNumber && x.CommentId == commentId && x.User == user && x.Content == content) is { } existing)
        {
            return GitHubResponse.Ok(ReactionJson(server, existing));
        }

        var id = server.NextId();
        var reaction = new FakeReaction(id, GitHubJson.NodeId("REA", id), content, user, server.Time.GetUtcNow(), issueNumber, commentId);
        repository.ReactionList.Add(reaction);
        return GitHubResponse.Created(ReactionJson(server, reaction));
    }

    private static GitHubResponse ListReactions(HttpContext context, FakeGitHubServer server, List<FakeReaction> reactions) =>
        GitHubResponse.Ok(new JsonArray([.. Pagination.Page(context, server.BaseUrl, reactions).Select(x => (JsonNode)ReactionJson(server, x))]));

    private static JsonObject ReactionJson(FakeGitHubServer server, FakeReaction reaction) => new()
    {
        ["id"] = reaction.Id,
        ["node_id"] = reaction.NodeId,
        ["user"] = GitHubJson.User(reaction.User, server.BaseUrl),
        ["content"] = reaction.Content,
        ["created_at"] = GitHubJson.Time(reaction.CreatedAt),
    };

    private static GitHubResponse SetLabels(HttpContext context, FakeGitHubServer server, FakeRepository repository, int number, bool replace)
    {
        var issue = repository.RequireIssue(number, Docs.Labels);
        // GitHub takes {"labels": [...]}, a bare array of names, or {"labels": [{"name": ...}]}.
        var names = context.Fake().Json() switch
        {
            JsonArray array => LabelNames(array),
            JsonObject body when body.OptionalArray("labels") is { } array => LabelNames(array),
            _ => throw GitHubError.InvalidRequest("\"labels\" wasn't supplied.", Docs.Labels),
        };
        var labels = (replace ? names : issue.Labels.Concat(names))
            .Select(name => repository.EnsureLabel(name).Name)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        issue = issue with { Labels = labels, UpdatedAt = server.Time.GetUtcNow() };
        repository.IssuesByNumber[number] = issue;
        return GitHubResponse.Ok(LabelsJson(server, repository, issue));
    }

    private static List<string> LabelNames(JsonArray array) =>
        [.. array.Select(item => item switch
        {
            JsonObject named => named.RequiredString("name"),
            JsonValue value when value.TryGetValue<string>(out var name) => name,
            _ => throw GitHubError.InvalidRequest($"For 'items', {item?.ToJsonString() ?? "nil"} is not a string.", Docs.Labels),
        })];
}
