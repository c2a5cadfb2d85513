using System.Text.Json;
using AgentBot.Runner.Tools;

namespace AgentBot.GitHub.Tools;

/// <summary>github.create_issue: a new issue in the run's repository, its body carrying the run's marker.</summary>
internal sealed class CreateIssueTool(GitHubToolContext target) : ITool
{
    /// <summary>GitHub refuses longer titles with a 422.</summary>
    private const int MaxTitleLength = 256;

    private static readonly JsonElement Schema = JsonElement.Parse($$"""
        {
          "type": "object",
          "properties": {
            "title": { "type": "string", "maxLength": {{MaxTitleLength}}, "description": "The issue's title: one line saying what is wrong or wanted." },
            "body": { "type": "string", "description": "The issue's description, in GitHub Markdown." },
            "labels": { "type": "array", "items": { "type": "string", "minLength": 1 }, "description": "Label names to put on it. Default none." }
          },
          "required": ["title", "body"],
          "additionalProperties": false
        }
        """);

    public string Name => "github.create_issue";

    public string Description =>
        "Open a new issue in this repository, as the app, for follow-up work or a problem found along the way. " +
        $"The title is one line of at most {MaxTitleLength} characters; the body is GitHub Markdown. " +
        "Labels can start other agents (e.g. agent:<name>), so add only the ones the task asks for. Returns the new issue's number and URL.";

    public JsonElement InputSchema => Schema;

    public bool LeavesWorkspace => true;

    public ValueTask<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var args = new ToolArguments(arguments, "title", "body", "labels");
        var title = args.RequiredText("title").Trim();
        var body = args.RequiredText("body");
        var labels = args.OptionalStringList("labels");
        if (args.Error is { } argumentError)
        {
            return ValueTask.FromResult(ToolResult.Error(argumentError));
        }

        if (title.Length > MaxTitleLength || title.Contains('\n', StringComparison.Ordinal))
        {
            return ValueTask.FromResult(ToolResult.Error($"'title' must be one line of at most {MaxTitleLength} characters"));
        }

        return GitHubToolCall.RunAsync(async () =>
        {
            var issue = await target.Client.Issues.CreateAsync(target.Owner, target.Repo, title, target.Mark(body), labels, cancellationToken);
            var labelled = issue.Labels.Count > 0 ? $" with labels {string.Join(", ", issue.Labels.Select(l => l.Name))}" : string.Empty;
            return new ToolResult($"Created issue #{issue.Number}{labelled}: {issue.HtmlUrl}");
        }, cancellationToken);
    }
}
