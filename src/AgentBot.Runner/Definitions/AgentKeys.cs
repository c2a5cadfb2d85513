namespace AgentBot.Runner.Definitions;

/// <summary>Every key an agent file may hold. The JSON Schema's properties must be exactly these.</summary>
public static class AgentKeys
{
    public const string Name = "name";
    public const string Title = "title";
    public const string Description = "description";
    public const string Role = "role";
    public const string Model = "model";
    public const string Effort = "effort";
    public const string Adapter = "adapter";
    public const string Prompt = "prompt";
    public const string Persona = "persona";
    public const string Skills = "skills";
    public const string Tools = "tools";
    public const string DisallowedTools = "disallowed-tools";
    public const string Permissions = "permissions";
    public const string Capabilities = "capabilities";
    public const string Scope = "scope";
    public const string ReportsTo = "reports-to";
    public const string On = "on";
    public const string Invocation = "invocation";
    public const string Behavior = "behavior";
    public const string Phase = "phase";
    public const string Outputs = "outputs";
    public const string Skip = "skip";
    public const string Retry = "retry";
    public const string Timeout = "timeout";
    public const string Budget = "budget";
    public const string Credential = "credential";
    public const string Memory = "memory";
    public const string Reads = "reads";
    public const string Writes = "writes";
    public const string McpServers = "mcp-servers";
    public const string Isolation = "isolation";
    public const string Background = "background";

    public static IReadOnlyList<string> All { get; } =
    [
        Name, Title, Description, Role, Model, Effort, Adapter, Prompt, Persona, Skills, Tools, DisallowedTools,
        Permissions, Capabilities, Scope, ReportsTo, On, Invocation, Behavior, Phase, Outputs, Skip, Retry, Timeout,
        Budget, Credential, Memory, Reads, Writes, McpServers, Isolation, Background,
    ];

    public static IReadOnlyList<string> BudgetKeys { get; } = ["max-turns", "max-tokens", "max-cost-usd"];

    public static IReadOnlyList<string> McpServerKeys { get; } = ["name", "command", "args", "env", "url", "headers"];
}
