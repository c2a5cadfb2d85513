using AgentBot.Runner.Definitions;
using AgentBot.Runner.Tools;

namespace AgentBot.Runner.Engine;

/// <summary>One agent on one task. The caller (AgentBot, or the local trial CLI) supplies the workspace and every tool it may use.</summary>
public sealed record RunRequest
{
    public required AgentDefinition Agent { get; init; }

    /// <summary>The task, e.g. an issue's title, body and comments. Untrusted: the engine marks it so in the prompt.</summary>
    public required string Task { get; init; }

    /// <summary>Trusted context from the repository, e.g. AGENTS.md.</summary>
    public string? Context { get; init; }

    /// <summary>The run's own checkout; workspace tools never leave it.</summary>
    public required string Workspace { get; init; }

    /// <summary>Every tool available to this run; the engine offers only those the agent's lists allow.</summary>
    public IReadOnlyList<ITool> Tools { get; init; } = [];

    /// <summary>Environment for tools (never the app's own).</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }
}
