namespace AgentBot.Runner.Definitions;

/// <summary>Limits of one run; null means no limit of that kind. Budgets fail closed at run time.</summary>
public sealed record Budget(int? MaxTurns, long? MaxTokens, decimal? MaxCostUsd)
{
    public static Budget Unlimited { get; } = new(null, null, null);
}
