namespace AgentBot.Runner.Tools.Mcp;

/// <summary>A declared MCP server whose tools are missing: it did not start, did not answer, or could not list its tools.</summary>
/// <param name="Server">The server's name from <c>mcp-servers</c>.</param>
/// <param name="Message">A sentence naming the server and what went wrong, fit for a log, the trail or a comment.</param>
public sealed record McpServerFailure(string Server, string Message)
{
    public override string ToString() => Message;
}
