using System.Text.Json.Nodes;
using AgentBot.Testing.FakeGitHub.GitData;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentBot.Testing.FakeGitHub.Routes;

/// <summary>Pull-request reviews and their inline comments, checked against the pull request's diff as GitHub does.</summary>
internal static class ReviewRoutes
{
    public static void Map(IEndpointRouteBuilder routes, FakeGitHubServer server)
    {
        routes.MapPost("/repos/{owner}/{repo}/pulls/{number:int}/reviews", (HttpContext context, string owner, string repo, int number) =>
            server.WithRepository(owner, repo, r => GitHubResponse.Ok(ReviewJson(server, r, Create(server, r, r.RequirePull(number, Docs.Reviews), context.Fake().Object())))));

        routes.MapGet("/repos/{owner}/{repo}/pulls/{number:int}/reviews", (HttpContext context, string owner, string repo, int number) =>
            server.WithRepository(owner, repo, r =>
            {
                r.RequirePull(number, Docs.Reviews);
                var reviews = r.ReviewsById.Values.Where(v => v.PullNumber == number).ToList();
                return GitHubResponse.Ok(new JsonArray([.. Pagination.Page(context, server.BaseUrl, reviews).Select(v => (JsonNode)ReviewJson(server, r, v))]));
            }));

        routes.MapGet("/repos/{owner}/{repo}/pulls/{number:int}/comments", (HttpContext context, string owner, string repo, int number) =>
            server.WithRepository(owner, repo, r =>
            {
                r.RequirePull(number, Docs.Reviews);
                var comments = r.ReviewsById.Values.Where(v => v.PullNumber == number).SelectMany(v => v.Comments).ToList();
                return GitHubResponse.Ok(new JsonArray([.. Pagination.Page(context, server.BaseUrl, comments).Select(c => (JsonNode)CommentJson(server, r, c))]));
            }));
    }

    private static FakeReview Create(FakeGitHubServer server, FakeRepository repository, FakePullRequest pull, JsonObject body)
    {
        var action = body.OptionalString("event");
        var state = action switch
        {
            null or "" => "PENDING",
            "APPROVE" => "APPROVED",
            "REQUEST_CHANGES" => "CHANGES_REQUESTED",
            "COMMENT" => "COMMENTED",
            _ => throw GitHubError.InvalidRequest($"For 'properties/event', \"{action}\" is not one of APPROVE, REQUEST_CHANGES, COMMENT.", Docs.Reviews),
        };
        var bot = server.App.BotUser;
        var author = repository.IssuesByNumber[pull.Number].User;
        if (author == bot && state == "APPROVED")
        {
            throw GitHubError.UnprocessableEntity("Can not approve your own pull request", Docs.Reviews);
        }

        if (author == bot && state == "CHANGES_REQUESTED")
        {
            throw GitHubError.UnprocessableEntity("Can not request changes on your own pull request", Docs.Reviews);
        }

        var text = body.OptionalString("body") ?? string.Empty;
        var inline = body.OptionalArray("comments")?.Objects("comments").ToList() ?? [];
        // GitHub documents body as required for REQUEST_CHANGES and COMMENT; a review made only of inline comments passes.
        if (state is "CHANGES_REQUESTED" or "COMMENTED" && string.IsNullOrWhiteSpace(text) && inline.Count == 0)
        {
            throw GitHubError.UnprocessableEntity("Review body can't be blank", Docs.Reviews);
        }

        var id = server.NextId();
        var now = server.Time.GetUtcNow();
        var commitId = body.OptionalString("commit_id") ?? repository.HeadSha(pull);
        var files = repository.PullFiles(pull);
        var comments = inline.Select(c => Comment(server, files, pull, id, commitId, bot, now, c)).ToList();
        var review = new FakeReview(id, GitHubJson.NodeId("PRR", id), pull.Number, bot, text, state, commitId, state == "PENDING" ? null : now, comments);
        repository.ReviewsById[id] = review;
        return review;
    }

    private static FakeReviewComment Comment(
        FakeGitHubServer server,
        IReadOnlyList<FakePullRequestFile> files,
        FakePullRequest pull,
        long reviewId,
        string commitId,
        FakeUser user,
        DateTimeOffset now,
        JsonObject comment)
    {
        var path = comment.RequiredString("path");
        var body = comment.RequiredString("body");
        var file = files.FirstOrDefault(f => f.Filename == path) ?? throw LineNotResolved();
        int line;
        string side;
        if (comment.OptionalInt("line") is { } given)
        {
            line = given;
            side = comment.OptionalString("side") ?? "RIGHT";
        }
        else if (comment.OptionalInt("position") is { } position && PatchLines.AtPosition(file.Patch, position) is { } located)
        {
            (line, side) = located;
        }
        else
        {
            throw LineNotResolved();
        }

        if (side is not ("LEFT" or "RIGHT"))
        {
            throw GitHubError.InvalidRequest($"For 'properties/side', \"{side}\" is not one of LEFT, RIGHT.", Docs.Reviews);
        }

        if (!PatchLines.Commentable(file.Patch, side).Contains(line))
        {
            throw LineNotResolved();
        }

        var startLine = comment.OptionalInt("start_line");
        var startSide = comment.OptionalString("start_side") ?? (startLine is null ? null : side);
        if (startLine is { } start)
        {
            if (start >= line && startSide == side)
            {
                throw GitHubError.UnprocessableEntity("start_line must precede the end line.", Docs.Reviews);
            }

            if (startSide is not ("LEFT" or "RIGHT") || !PatchLines.Commentable(file.Patch, startSide).Contains(start))
            {
                throw LineNotResolved();
            }
        }

        var id = server.NextId();
        return new FakeReviewComment(id, GitHubJson.NodeId("PRRC", id), reviewId, pull.Number, path, line, side, body, user, commitId, now)
        {
            StartLine = startLine,
            StartSide = startSide,
        };
    }

    private static GitHubError LineNotResolved() => GitHubError.UnprocessableEntity("Line could not be resolved", Docs.Reviews);

    private static JsonObject ReviewJson(FakeGitHubServer server, FakeRepository repository, FakeReview review)
    {
        var htmlUrl = $"{GitHubJson.WebUrl}{repository.FullName}/pull/{review.PullNumber}#pullrequestreview-{review.Id}";
        var pullUrl = server.ApiUrl($"repos/{repository.FullName}/pulls/{review.PullNumber}");
        var json = new JsonObject
        {
            ["id"] = review.Id,
            ["node_id"] = review.NodeId,
            ["user"] = GitHubJson.User(review.User, server.BaseUrl),
            ["body"] = review.Body,
            ["state"] = review.State,
            ["html_url"] = htmlUrl,
            ["pull_request_url"] = pullUrl,
            ["author_association"] = repository.AuthorAssociation(review.User),
            ["_links"] = new JsonObject
            {
                ["html"] = new JsonObject { ["href"] = htmlUrl },
                ["pull_request"] = new JsonObject { ["href"] = pullUrl },
            },
            ["commit_id"] = review.CommitId,
        };
        // A pending review has not been submitted, and GitHub leaves submitted_at out.
        if (review.SubmittedAt is { } submitted)
        {
            json["submitted_at"] = GitHubJson.Time(submitted);
        }

        return json;
    }

    private static JsonObject CommentJson(FakeGitHubServer server, FakeRepository repository, FakeReviewComment comment) => new()
    {
        ["id"] = comment.Id,
        ["node_id"] = comment.NodeId,
        ["pull_request_review_id"] = comment.ReviewId,
        ["url"] = server.ApiUrl($"repos/{repository.FullName}/pulls/comments/{comment.Id}"),
        ["html_url"] = $"{GitHubJson.WebUrl}{repository.FullName}/pull/{comment.PullNumber}#discussion_r{comment.Id}",
        ["pull_request_url"] = server.ApiUrl($"repos/{repository.FullName}/pulls/{comment.PullNumber}"),
        ["path"] = comment.Path,
        ["line"] = comment.Line,
        ["side"] = comment.Side,
        ["original_line"] = comment.Line,
        ["start_line"] = comment.StartLine,
        ["start_side"] = comment.StartSide,
        ["subject_type"] = "line",
        ["body"] = comment.Body,
        ["user"] = GitHubJson.User(comment.User, server.BaseUrl),
        ["commit_id"] = comment.CommitId,
        ["original_commit_id"] = comment.CommitId,
        ["created_at"] = GitHubJson.Time(comment.CreatedAt),
        ["updated_at"] = GitHubJson.Time(comment.CreatedAt),
        ["author_association"] = repository.AuthorAssociation(comment.User),
    };
}
