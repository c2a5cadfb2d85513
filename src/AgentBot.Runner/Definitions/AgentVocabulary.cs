namespace AgentBot.Runner.Definitions;

/// <summary>The YAML spellings of every enum-valued key. The JSON Schema must list the same ones.</summary>
public static class AgentVocabulary
{
    public static Vocabulary<AgentRole> Roles { get; } = new(
        caseInsensitive: true,
        ("CEO", AgentRole.Ceo), ("coder", AgentRole.Coder), ("reviewer", AgentRole.Reviewer), ("QA", AgentRole.QA),
        ("designer", AgentRole.Designer), ("security", AgentRole.Security), ("devops", AgentRole.DevOps),
        ("PM", AgentRole.PM), ("general", AgentRole.General));

    public static Vocabulary<Effort> Efforts { get; } = new(
        caseInsensitive: false, ("low", Effort.Low), ("medium", Effort.Medium), ("high", Effort.High));

    public static Vocabulary<AgentAdapter> Adapters { get; } = new(
        caseInsensitive: false, ("builtin", AgentAdapter.Builtin), ("claude-code", AgentAdapter.ClaudeCode), ("codex", AgentAdapter.Codex));

    public static Vocabulary<PermissionMode> Permissions { get; } = new(
        caseInsensitive: false,
        ("supervised", PermissionMode.Supervised), ("autonomous", PermissionMode.Autonomous),
        ("interactive", PermissionMode.Interactive), ("unrestricted", PermissionMode.Unrestricted));

    public static Vocabulary<Capability> Capabilities { get; } = new(
        caseInsensitive: false,
        ("push", Capability.Push), ("github-api", Capability.GitHubApi), ("ticketing", Capability.Ticketing), ("network", Capability.Network));

    public static Vocabulary<AgentScope> Scopes { get; } = new(
        caseInsensitive: false, ("org", AgentScope.Org), ("repo", AgentScope.Repo));

    public static Vocabulary<Invocation> Invocations { get; } = new(
        caseInsensitive: false, ("auto", Invocation.Auto), ("manual", Invocation.Manual));

    public static Vocabulary<Behavior> Behaviors { get; } = new(
        caseInsensitive: false, ("blocking", Behavior.Blocking), ("advisory", Behavior.Advisory));
}
