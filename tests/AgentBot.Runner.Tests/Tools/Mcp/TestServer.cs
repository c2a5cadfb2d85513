using AgentBot.Runner.Definitions;
using AgentBot.Testing;

namespace AgentBot.Runner.Tests.Tools.Mcp;

/// <summary>
/// tests/McpTestServer, started for real as <c>dotnet McpTestServer.dll</c>. The test project builds it (a project
/// reference without the assembly) into the same bin/&lt;configuration&gt;/&lt;framework&gt; layout as its own.
/// </summary>
internal static class TestServer
{
    private static readonly Lazy<string> DllPath = new(() =>
    {
        var layout = Path.GetRelativePath(RepositoryRoot.Combine("tests", "AgentBot.Runner.Tests"), AppContext.BaseDirectory);
        var dll = Path.GetFullPath(Path.Combine(RepositoryRoot.Combine("tests", "McpTestServer"), layout, "McpTestServer.dll"));
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build tests/McpTestServer.");
    });

    public static string Dll => DllPath.Value;

    /// <summary>The dotnet host running these tests (set by the dotnet CLI), else the one on PATH.</summary>
    public static string Dotnet =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static McpServerDefinition Definition(string name = "test", IReadOnlyDictionary<string, string>? env = null) =>
        new(name, Dotnet, [Dll], env ?? new Dictionary<string, string>(), null, new Dictionary<string, string>());

    /// <summary>A server that appends the name of every tool called to a file, so a test can see which calls reached it.</summary>
    public static McpServerDefinition Logging(string logFile, string name = "test") =>
        Definition(name, new Dictionary<string, string> { ["MCP_TEST_LOG"] = logFile });

    public static IReadOnlyList<string> Calls(string logFile) => File.Exists(logFile) ? File.ReadAllLines(logFile) : [];
}
