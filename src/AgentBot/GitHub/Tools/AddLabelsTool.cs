using System.Text.Json;
using AgentBot.Runner.Tools;

namespace AgentBot.GitHub.Tools;

/// <summary>github.add_labels: labels added to an issue or pull request (GitHub creates labels it does not know yet).</summary>
internal sealed class AddLabelsTool(GitHubToolContext target) : ITool
{
    private static readonly JsonElement Schema = JsonElement.Parse("""
        {
          "type": "object",
          "properties": {
            "labels": { "type": "array", "items": { "type": "string", "minLength": 1 }, "minItems": 1, "description": "Label names to add, e.g. [\"bug\", \"skill:csharp\"]" },
            "number": { "type": "integer", "minimum": 1, "description": "Issue or pull request number. Default: the one this run is about." }
          },
          "required": ["labels"],
          "additionalProperties": false
        }
        """);

    public string Name => "github.add_labels";

    public string Description =>
        "Add labels to an issue or pull request of this repository; labels already there stay, and a label the repository " +
        "does not have yet is created. Without `number` it labels the issue or pull request this run is about. " +
        "Labels can start other agents (e.g. agent:<name>), so add only the ones the task asks for. Returns the labels it now has.";

    public JsonElement InputSchema => Schema;

    public bool LeavesWorkspace => true;

    public ValueTask<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var args = new ToolArguments(arguments, "labels", "number");
        var labels = args.RequiredStringList("labels");
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
            var now = await target.Client.Issues.AddLabelsAsync(target.Owner, target.Repo, number, labels, cancellationToken);
            return new ToolResult($"Added {string.Join(", ", labels)} to #{number}. Its labels now: {string.Join(", ", now.Select(l => l.Name))}");
        }, cancellationToken);
    }
}
