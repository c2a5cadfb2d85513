using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

// The MCP test server: echo, add, env and fail over stdio. Stdout carries the protocol, so nothing else may
// write to it. When MCP_TEST_LOG names a file, every call appends the tool's name to it, so a test can prove
// which calls reached the server and which never did. Two broken servers for the failure tests: --silent starts
// and never answers; --crash says why on stderr and exits before the handshake.
if (args is ["--silent"])
{
    await Task.Delay(Timeout.Infinite);
}

if (args is ["--crash"])
{
    await Console.Error.WriteLineAsync("McpTestServer: missing configuration, giving up");
    return 3;
}

var options = new McpServerOptions
{
    ServerInfo = new Implementation { Name = "agentbot-mcp-test-server", Version = "1.0.0" },
    ToolCollection =
    [
        McpServerTool.Create(
            async ([Description("The text to return.")] string text, CancellationToken cancellationToken) =>
            {
                Called("echo", text);
                // MCP_TEST_ECHO_DELAY_MS makes echo slow, for the call timeout and cancellation tests; the log shows
                // whether the client's cancellation reached the server.
                if (int.TryParse(Environment.GetEnvironmentVariable("MCP_TEST_ECHO_DELAY_MS"), out var delay))
                {
                    try
                    {
                        await Task.Delay(delay, cancellationToken);
                    }
                    catch (OperationCanceledException)
                    {
                        Called("echo cancelled", text);
                        throw;
                    }
                }

                return text;
            },
            new McpServerToolCreateOptions { Name = "echo", Description = "Returns the text it is given." }),
        McpServerTool.Create(
            ([Description("The first number.")] double a, [Description("The second number.")] double b) => Called("add", a + b),
            new McpServerToolCreateOptions { Name = "add", Description = "Adds two numbers." }),
        McpServerTool.Create(
            ([Description("The variable's name.")] string name) => Called("env", Environment.GetEnvironmentVariable(name) ?? "(unset)"),
            new McpServerToolCreateOptions { Name = "env", Description = "Returns the value of an environment variable of the server process, or (unset)." }),
        McpServerTool.Create(
            () => Called("fail", new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = "fail always fails" }] }),
            new McpServerToolCreateOptions { Name = "fail", Description = "Always answers with an error result." }),
    ],
};

await using var transport = new StdioServerTransport(options);
await using var server = McpServer.Create(transport, options);
await server.RunAsync();
return 0;

static T Called<T>(string tool, T result)
{
    if (Environment.GetEnvironmentVariable("MCP_TEST_LOG") is { Length: > 0 } log)
    {
        File.AppendAllText(log, tool + "\n");
    }

    return result;
}
