using System.Text.Json;
using AgentBot.GitHub.Models;
using AgentBot.Runner.Tools;

namespace AgentBot.GitHub.Tools;

/// <summary>
/// github.create_review: one review on the run's pull request, commenting or requesting changes, with inline comments.
/// Never an approval: a human's review is what lets a change in (design section 4), so APPROVE is refused before any request.
/// </summary>
internal sealed class CreateReviewTool(GitHubToolContext target) : ITool
{
    public const int MaxComments = 100;

    private static readonly JsonElement Schema = JsonElement.Parse($$"""
        {
          "type": "object",
          "properties": {
            "event": { "type": "string", "enum": ["COMMENT", "REQUEST_CHANGES"], "description": "COMMENT for feedback, REQUEST_CHANGES when something must change before merging. Approving is not possible." },
            "body": { "type": "string", "description": "The review's summary, in GitHub Markdown." },
            "comments": {
              "type": "array",
              "maxItems": {{MaxComments}},
              "description": "Inline comments on changed lines. Default none.",
              "items": {
                "type": "object",
                "properties": {
                  "path": { "type": "string", "description": "File path as github.list_pull_request_files shows it." },
                  "line": { "type": "integer", "minimum": 1, "description": "Line number in the file: in the new version for side RIGHT, the old one for LEFT. It must be inside a hunk of the file's diff." },
                  "side": { "type": "string", "enum": ["RIGHT", "LEFT"], "description": "RIGHT (default) for an added or unchanged line, LEFT for a removed one." },
                  "body": { "type": "string", "description": "The comment, in GitHub Markdown." }
                },
                "required": ["path", "line", "body"],
                "additionalProperties": false
              }
            }
          },
          "required": ["event", "body"],
          "additionalProperties": false
        }
        """);

    public string Name => "github.create_review";

    public string Description =>
        "Submit a review of the pull request this run is about: `event` COMMENT or REQUEST_CHANGES, a summary `body`, " +
        "and optional inline `comments` on changed lines. A comment's line must lie inside a hunk of that file's diff " +
        "(see github.list_pull_request_files), or GitHub refuses the whole review. The bot never approves a pull request: " +
        "APPROVE is refused; approval is a human's decision. Submit one review with all findings rather than several. Returns the review's URL.";

    public JsonElement InputSchema => Schema;

    public bool LeavesWorkspace => true;

    public ValueTask<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var args = new ToolArguments(arguments, "event", "body", "comments");
        var reviewEvent = args.RequiredText("event").Trim().ToUpperInvariant().Replace(' ', '_');
        var body = args.OptionalString("body");
        var items = args.OptionalObjectList("comments", "path", "line", "side", "body") ?? [];
        if (args.Error is null && body is null)
        {
            return ValueTask.FromResult(ToolResult.Error("'body' is required"));
        }

        if (args.Error is { } argumentError)
        {
            return ValueTask.FromResult(ToolResult.Error(argumentError));
        }

        if (reviewEvent is ReviewEvents.Approve or "APPROVED")
        {
            return ValueTask.FromResult(ToolResult.Error(
                "APPROVE is refused: AgentBot never approves a pull request; a human's review decides. " +
                "Use COMMENT (or REQUEST_CHANGES when something must change) and say in the body that you found nothing blocking."));
        }

        if (reviewEvent is not (ReviewEvents.Comment or ReviewEvents.RequestChanges))
        {
            return ValueTask.FromResult(ToolResult.Error($"'event' must be COMMENT or REQUEST_CHANGES, not '{reviewEvent}'"));
        }

        if (items.Count > MaxComments)
        {
            return ValueTask.FromResult(ToolResult.Error($"at most {MaxComments} inline comments per review; keep the most important ones"));
        }

        var comments = new List<ReviewComment>(items.Count);
        foreach (var item in items)
        {
            var path = item.RequiredText("path").Trim().TrimStart('/');
            var line = item.RequiredInt("line", 1, int.MaxValue);
            var side = (item.OptionalString("side") ?? "RIGHT").Trim().ToUpperInvariant();
            var text = item.RequiredText("body");
            if (item.Error is { } itemError)
            {
                return ValueTask.FromResult(ToolResult.Error(itemError));
            }

            if (side is not ("RIGHT" or "LEFT"))
            {
                return ValueTask.FromResult(ToolResult.Error($"comments[{comments.Count}]: 'side' must be RIGHT or LEFT, not '{side}'"));
            }

            comments.Add(new ReviewComment(path, line, target.Mark(text), side));
        }

        if (string.IsNullOrWhiteSpace(body) && comments.Count == 0)
        {
            return ValueTask.FromResult(ToolResult.Error("a review needs a 'body' or at least one inline comment"));
        }

        // Only the run's own pull request: a review is the run's verdict, not a remark on other work.
        if (!target.IsPullRequest || target.Number is not { } number)
        {
            return ValueTask.FromResult(ToolResult.Error(target.Number is { } issue
                ? $"github.create_review reviews the pull request this run is about, and this run is on issue #{issue}; use github.comment instead"
                : "github.create_review reviews the pull request this run is about, and this run is on none; use github.comment instead"));
        }

        var request = new CreateReviewRequest(reviewEvent, target.Mark(body ?? string.Empty), CommitId: null, comments.Count > 0 ? comments : null);
        return GitHubToolCall.RunAsync(async () =>
        {
            var review = await target.Client.PullRequests.CreateReviewAsync(target.Owner, target.Repo, number, request, cancellationToken);
            var inline = comments.Count == 0 ? string.Empty : $" with {comments.Count} inline comment{(comments.Count == 1 ? string.Empty : "s")}";
            return new ToolResult($"Submitted a review ({review.State}){inline} on pull request #{number}: {review.HtmlUrl}");
        }, cancellationToken);
    }
}
