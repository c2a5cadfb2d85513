using System.Text.Json;
using AgentBot.GitHub.Models;
using AgentBot.Runner.Tools;

namespace AgentBot.GitHub.Tools;

/// <summary>github.create_pull_request: a pull request from a branch already on GitHub, a draft unless asked otherwise.</summary>
internal sealed class CreatePullRequestTool(GitHubToolContext target) : ITool
{
    private static readonly JsonElement Schema = JsonElement.Parse("""
        {
          "type": "object",
          "properties": {
            "title": { "type": "string", "description": "The pull request's title: one line saying what it changes." },
            "head": { "type": "string", "description": "The branch with the changes, already pushed to this repository, e.g. agentbot/coder/12-add-health-check" },
            "base": { "type": "string", "description": "The branch to merge into. Default: the repository's default branch." },
            "body": { "type": "string", "description": "The description, in GitHub Markdown; say `Closes #<issue>` to close the issue on merge." },
            "draft": { "type": "boolean", "description": "Open it as a draft. Default true." }
          },
          "required": ["title", "head", "body"],
          "additionalProperties": false
        }
        """);

    public string Name => "github.create_pull_request";

    public string Description =>
        "Open a pull request in this repository from `head`, a branch already on GitHub, into `base` (default: the default branch). " +
        "It opens as a draft unless `draft` is false. The body is GitHub Markdown; `Closes #<issue>` links and closes the issue on merge. " +
        "GitHub refuses a pull request when head has no commits beyond base or one is already open for the same branches. " +
        "Returns the new pull request's number and URL.";

    public JsonElement InputSchema => Schema;

    public bool LeavesWorkspace => true;

    public ValueTask<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var args = new ToolArguments(arguments, "title", "head", "base", "body", "draft");
        var title = args.RequiredText("title").Trim();
        var head = args.RequiredText("head").Trim();
        var given = args.OptionalString("base") is { } b && !string.IsNullOrWhiteSpace(b) ? b.Trim() : null;
        var body = args.OptionalString("body");
        var draft = args.OptionalBool("draft", true);
        if (args.Error is null && body is null)
        {
            return ValueTask.FromResult(ToolResult.Error("'body' is required"));
        }

        if (args.Error is { } argumentError)
        {
            return ValueTask.FromResult(ToolResult.Error(argumentError));
        }

        if (title.Contains('\n', StringComparison.Ordinal))
        {
            return ValueTask.FromResult(ToolResult.Error("'title' must be one line"));
        }

        return GitHubToolCall.RunAsync(async () =>
        {
            var @base = given ?? (await target.Client.Repositories.GetAsync(target.Owner, target.Repo, cancellationToken)).DefaultBranch;
            var pull = await target.Client.PullRequests.CreateAsync(target.Owner, target.Repo,
                new CreatePullRequestRequest(title, head, @base, target.Mark(body ?? string.Empty), draft), cancellationToken);
            return new ToolResult($"Opened {(pull.Draft ? "draft " : string.Empty)}pull request #{pull.Number} ({pull.Head.Ref} into {pull.Base.Ref}): {pull.HtmlUrl}");
        }, cancellationToken);
    }
}
