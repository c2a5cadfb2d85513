using System.Globalization;
using AgentBot.GitHub.Models;

namespace AgentBot.Workflows.Reporting;

/// <summary>What a run did and cost, for the outcome message.</summary>
public sealed record RunUsage(int Turns, long InputTokens, long OutputTokens, decimal CostUsd);

/// <summary>
/// The Markdown of a run's sticky comment in each state (design §4). Short on purpose: the comment is edited as the
/// run moves on, and the full story lives in the run trail it links to.
/// </summary>
public static class RunMessages
{
    /// <summary>Queued or working: the acknowledgement, posted within a second of the delivery.</summary>
    public static string Working(string agent, long runId, string? trailUrl = null, string? activity = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(agent);
        var text = $"🤖 **{agent}** took this — run {RunLink(runId, trailUrl)}";
        return string.IsNullOrWhiteSpace(activity) ? text : $"{text}\n\n{activity}";
    }

    /// <summary>Blocked before a side effect; says what will happen and how to release or refuse it.</summary>
    public static string WaitingForApproval(string agent, long runId, string step, string? trailUrl = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(agent);
        ArgumentException.ThrowIfNullOrEmpty(step);
        return $"""
            ⏸️ **{agent}** is waiting for approval — run {RunLink(runId, trailUrl)}

            Next step: {step}

            A user with write access can release it with `/agent approve {runId}` (or the check run's Approve button) or refuse it with `/agent reject {runId}`.
            """;
    }

    /// <summary>The outcome: conclusion, turns, tokens in and out, and cost, with a link to the trail.</summary>
    public static string Outcome(string agent, long runId, string conclusion, RunUsage usage, string? trailUrl = null, string? summary = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(agent);
        ArgumentException.ThrowIfNullOrEmpty(conclusion);
        ArgumentNullException.ThrowIfNull(usage);
        var head = $"{Icon(conclusion)} **{agent}** finished — run {RunLink(runId, trailUrl)}: **{conclusion}**";
        var body = string.IsNullOrWhiteSpace(summary) ? string.Empty : $"\n\n{summary}";
        var stats = string.Create(
            CultureInfo.InvariantCulture,
            $"{usage.Turns} {(usage.Turns == 1 ? "turn" : "turns")} · {usage.InputTokens:N0} tokens in / {usage.OutputTokens:N0} out · ${usage.CostUsd:0.00##}");
        return $"{head}{body}\n\n{stats}";
    }

    private static string RunLink(long runId, string? trailUrl)
    {
        var id = runId.ToString(CultureInfo.InvariantCulture);
        return string.IsNullOrEmpty(trailUrl) ? id : $"[{id}]({trailUrl})";
    }

    private static string Icon(string conclusion) => conclusion switch
    {
        CheckConclusions.Success => "✅",
        CheckConclusions.Failure or CheckConclusions.TimedOut => "❌",
        CheckConclusions.Cancelled => "🚫",
        CheckConclusions.ActionRequired => "⏸️",
        _ => "ℹ️",
    };
}
