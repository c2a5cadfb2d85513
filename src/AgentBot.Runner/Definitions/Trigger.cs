using AgentBot.Runner.Diagnostics;

namespace AgentBot.Runner.Definitions;

/// <summary>
/// One entry of <c>on:</c>. <see cref="Actions"/> empty means every action of the event;
/// <see cref="Values"/> are labels (for <c>labeled</c>), branches (for <c>push</c>) or command words.
/// </summary>
public sealed record Trigger(string Event, IReadOnlyList<string> Actions, IReadOnlyList<string> Values, SourcePosition Position)
{
    public const string CommandEvent = "command";
    public const string PushEvent = "push";

    /// <summary>The events a trigger may name, with the actions each may list.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Events { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["issues"] = ["opened", "edited", "labeled", "reopened", "closed"],
        ["pull_request"] = ["opened", "reopened", "synchronize", "ready_for_review", "labeled", "closed"],
        ["pull_request_review"] = ["submitted", "dismissed"],
        ["issue_comment"] = ["created", "edited"],
        ["check_run"] = ["requested_action", "rerequested", "completed"],
        [PushEvent] = [],
        [CommandEvent] = [],
    };

    public bool Matches(string eventName, string? action, string? value = null)
    {
        if (!string.Equals(Event, eventName, StringComparison.Ordinal))
        {
            return false;
        }

        if (Actions.Count > 0 && (action is null || !Actions.Contains(action, StringComparer.Ordinal)))
        {
            return false;
        }

        // Labels and command words are matched case-insensitively, as GitHub treats label names.
        return Values.Count == 0 || (value is not null && Values.Contains(value, StringComparer.OrdinalIgnoreCase));
    }
}
