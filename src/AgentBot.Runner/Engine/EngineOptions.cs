namespace AgentBot.Runner.Engine;

/// <summary>Engine-wide settings; per-agent limits come from the definition's <c>budget</c> and <c>timeout</c>.</summary>
public sealed class EngineOptions
{
    /// <summary>The longest answer asked of the model in one call (lowered to what the token budget leaves).</summary>
    public int MaxOutputTokens { get; set; } = 8192;

    /// <summary>A <c>cost.milestone</c> event each time the run's cost passes another multiple of this.</summary>
    public decimal CostMilestoneUsd { get; set; } = 0.25m;

    /// <summary>Tool output longer than this is cut before it goes back to the model.</summary>
    public int MaxToolResultCharacters { get; set; } = 50_000;

    /// <summary>Values never written to the trail (API keys, tokens): every occurrence becomes ***.</summary>
    public IReadOnlyCollection<string> Secrets { get; set; } = [];
}
