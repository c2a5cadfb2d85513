using AgentBot.Runner.Definitions;

namespace AgentBot.Agents;

/// <summary>A repository's agents as read from one commit of its default branch, keyed by the tree SHA of agents/.</summary>
public sealed record Roster(string Repository, string Reference, string? AgentsTreeSha, AgentLoadResult Result, DateTimeOffset LoadedAt)
{
    public IReadOnlyList<AgentDefinition> Agents => Result.Agents;
}
