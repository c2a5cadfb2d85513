using AgentBot.Runner.Conditions;
using AgentBot.Runner.Diagnostics;

namespace AgentBot.Runner.Definitions;

/// <summary>One agent, as read from <c>agents/&lt;name&gt;.yml</c> with every default applied.</summary>
public sealed record AgentDefinition
{
    public required string Name { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }

    public AgentRole Role { get; init; } = AgentRole.General;

    public required ModelReference Model { get; init; }

    public Effort? Effort { get; init; }

    public AgentAdapter Adapter { get; init; } = AgentAdapter.Builtin;

    public string Prompt { get; init; } = string.Empty;

    public string? Persona { get; init; }

    /// <summary>Lower-cased, without duplicates.</summary>
    public IReadOnlyList<string> Skills { get; init; } = [];

    /// <summary>The allow-list in force: the declared one, or the read-only default.</summary>
    public IReadOnlyList<string> Tools { get; init; } = Runner.Tools.ToolCatalog.DefaultTools;

    public IReadOnlyList<string> DisallowedTools { get; init; } = [];

    public PermissionMode Permissions { get; init; } = PermissionMode.Supervised;

    public IReadOnlyList<Capability> Capabilities { get; init; } = [];

    public AgentScope Scope { get; init; } = AgentScope.Repo;

    public string? ReportsTo { get; init; }

    public IReadOnlyList<Trigger> Triggers { get; init; } = [];

    public Invocation Invocation { get; init; } = Invocation.Auto;

    public Behavior Behavior { get; init; } = Behavior.Advisory;

    public string? Phase { get; init; }

    public IReadOnlyList<OutputField> Outputs { get; init; } = [];

    public Condition? Skip { get; init; }

    public int Retry { get; init; }

    public TimeSpan? Timeout { get; init; }

    public Budget Budget { get; init; } = Budget.Unlimited;

    public string? Credential { get; init; }

    public IReadOnlyList<string> Memory { get; init; } = [];

    public IReadOnlyList<string> Reads { get; init; } = [];

    public IReadOnlyList<string> Writes { get; init; } = [];

    public IReadOnlyList<McpServerDefinition> McpServers { get; init; } = [];

    public bool Isolation { get; init; } = true;

    public bool Background { get; init; }

    /// <summary>Where the definition came from, as given to the loader (e.g. <c>agents/coder.yml</c>).</summary>
    public required string SourcePath { get; init; }

    /// <summary>SHA-256 of the file's UTF-8 text, lower-case hex: which version of the agent ran.</summary>
    public required string ContentHash { get; init; }

    /// <summary>Where each key's value starts, for diagnostics and annotations after loading.</summary>
    public IReadOnlyDictionary<string, SourcePosition> Positions { get; init; } = new Dictionary<string, SourcePosition>();

    /// <summary>The system prompt: the prompt, then the persona after a blank line.</summary>
    public string SystemPrompt => string.IsNullOrEmpty(Persona) ? Prompt
        : string.IsNullOrEmpty(Prompt) ? Persona : $"{Prompt}\n\n{Persona}";

    public bool HasSkill(string skill) => Skills.Contains(skill, StringComparer.OrdinalIgnoreCase);
}
