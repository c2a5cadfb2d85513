namespace AgentBot.Runner.Definitions;

/// <summary>An MCP server whose tools the agent may use: a stdio command or an HTTP endpoint.</summary>
public sealed record McpServerDefinition(
    string Name,
    string? Command,
    IReadOnlyList<string> Args,
    IReadOnlyDictionary<string, string> Env,
    Uri? Url,
    IReadOnlyDictionary<string, string> Headers);
