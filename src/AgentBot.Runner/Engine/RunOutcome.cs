using System.Text.Json.Nodes;

namespace AgentBot.Runner.Engine;

/// <summary>How a run (or a part of it, up to a pause) ended.</summary>
public abstract record RunOutcome
{
    public required RunTotals Totals { get; init; }
}

/// <summary>The agent finished. <see cref="Outputs"/> holds the declared output fields when it declares any.</summary>
public sealed record RunCompleted(string Text, JsonObject? Outputs) : RunOutcome;

/// <summary>A limit ended the run: budget-turns, budget-tokens, budget-cost, timeout or cancelled.</summary>
public sealed record RunStopped(string Conclusion, string Reason) : RunOutcome;

/// <summary>The run could not go on: the model failed after its retries, or answered nothing usable.</summary>
public sealed record RunFailed(string Reason) : RunOutcome;

/// <summary>A supervised run reached a step that leaves its workspace; <see cref="State"/> resumes it, on any worker.</summary>
public sealed record RunAwaitingApproval(PendingApproval Request, string State) : RunOutcome;

/// <summary>The step waiting for a human: the tool call as the model made it.</summary>
public sealed record PendingApproval(string CallId, string Tool, string Arguments);

/// <summary>What the run has used so far.</summary>
public sealed record RunTotals(int Turns, long InputTokens, long OutputTokens, long CachedTokens, decimal CostUsd, TimeSpan Elapsed)
{
    public static RunTotals Zero { get; } = new(0, 0, 0, 0, 0m, TimeSpan.Zero);

    public long Tokens => InputTokens + OutputTokens;
}

public static class RunConclusions
{
    public const string BudgetTurns = "budget-turns";
    public const string BudgetTokens = "budget-tokens";
    public const string BudgetCost = "budget-cost";
    public const string Timeout = "timeout";
    public const string Cancelled = "cancelled";
}
