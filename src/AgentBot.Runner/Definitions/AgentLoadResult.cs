using AgentBot.Runner.Diagnostics;

namespace AgentBot.Runner.Definitions;

/// <summary>The agents that loaded and every diagnostic, sorted by file, line and column.</summary>
public sealed record AgentLoadResult(IReadOnlyList<AgentDefinition> Agents, IReadOnlyList<Diagnostic> Diagnostics)
{
    public int ErrorCount => Diagnostics.Count(d => d.IsError);

    public int WarningCount => Diagnostics.Count(d => !d.IsError);

    public bool HasErrors => ErrorCount > 0;

    public AgentDefinition? Find(string name) => Agents.FirstOrDefault(a => a.Name == name);
}
