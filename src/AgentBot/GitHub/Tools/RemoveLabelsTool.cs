using System.Text.Json;
using AgentBot.Runner.Tools;

namespace AgentBot.GitHub.Tools;

/// <summary>github.remove_labels: labels taken off an issue or pull request.</summary>
internal sealed class RemoveLabelsTool(GitHubToolContext target) : ITool
{
    private static readonly JsonElement Schema = JsonElement.Parse("""
        {
          "type": "object",
          "properties": {
            "labels": { "type": "array", "items": { "type": "string", "minLength": 1 }, "minItems": 1, "description": "Label names to remove." },
            "number": { "type": "integer", "minimum": 1, "description": "Issue or pull request number. Default: the one this run is about." }
          },
          "required": ["labels"],
          "additionalProperties": false
        }
        """);

    public string Name => "github.remove_labels";

    public string Description =>
        "Remove labels from an issue or pull request of this repository (the labels themselves stay in the repository). " +
        "Without `number` it changes the issue or pull request this run is about. A label that is not on it is reported, not an error. " +
        "Returns what was removed and the labels it still has.";

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
            // The client's RemoveLabelAsync treats every 404 as "label not there", a missing issue included; reading the
            // issue first makes a wrong number an error and tells which labels really were on it (GitHub matches names case-insensitively).
            var issue = await target.Client.Issues.GetAsync(target.Owner, target.Repo, number, cancellationToken);
            var present = issue.Labels.Select(l => l.Name).ToList();
            var removed = new List<string>();
            var absent = new List<string>();
            foreach (var label in labels)
            {
                if (present.FirstOrDefault(p => string.Equals(p, label, StringComparison.OrdinalIgnoreCase)) is { } name)
                {
                    await target.Client.Issues.RemoveLabelAsync(target.Owner, target.Repo, number, name, cancellationToken);
                    present.Remove(name);
                    removed.Add(name);
                }
                else
                {
                    absent.Add(label);
                }
            }

            var parts = new List<string>();
            if (removed.Count > 0)
            {
                parts.Add($"Removed {string.Join(", ", removed)} from #{number}.");
            }

            if (absent.Count > 0)
            {
                parts.Add($"Not on #{number}, so nothing to remove: {string.Join(", ", absent)}.");
            }

            parts.Add($"Its labels now: {(present.Count == 0 ? "none" : string.Join(", ", present))}");
            return new ToolResult(string.Join(' ', parts));
        }, cancellationToken);
    }
}
