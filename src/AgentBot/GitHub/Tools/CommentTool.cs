using System.Text.Json;
using AgentBot.Runner.Tools;

namespace AgentBot.GitHub.Tools;

/// <summary>github.comment: a comment on an issue or pull request, carrying the run's marker.</summary>
internal sealed class CommentTool(GitHubToolContext target) : ITool
{
    private static readonly JsonElement Schema = JsonElement.Parse("""
        {
          "type": "object",
          "properties": {
            "body": { "type": "string", "description": "The comment, in GitHub Markdown." },
            "number": { "type": "integer", "minimum": 1, "description": "Issue or pull request number. Default: the one this run is about." }
          },
          "required": ["body"],
          "additionalProperties": false
        }
        """);

    public string Name => "github.comment";

    public string Description =>
        "Post a comment on an issue or pull request of this repository, as the app, visible to everyone who can see it. " +
        "Without `number` it comments on the issue or pull request this run is about. Write GitHub Markdown; " +
        "comments over 65,535 characters are cut. For inline comments on a pull request's lines use github.create_review. " +
        "Returns the comment's URL.";

    public JsonElement InputSchema => Schema;

    public bool LeavesWorkspace => true;

    public ValueTask<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var args = new ToolArguments(arguments, "body", "number");
        var body = args.RequiredText("body");
        var given = args.OptionalInt("number", 1, int.MaxValue);
        if (args.Error is { } argumentError)
        {
            return ValueTask.FromResult(ToolResult.Error(argumentError));
        }

        if (!target.TryIssueNumber(given, out var number, out var error))
        {
            return ValueTask.FromResult(ToolResult.Error(error));
        }

        return GitHubToolCall.RunAsync(async () =>
        {
            var comment = await target.Client.Issues.CreateCommentAsync(target.Owner, target.Repo, number, target.Mark(body), cancellationToken);
            return new ToolResult($"Commented on #{number}: {comment.HtmlUrl} (comment {comment.Id})");
        }, cancellationToken);
    }
}
