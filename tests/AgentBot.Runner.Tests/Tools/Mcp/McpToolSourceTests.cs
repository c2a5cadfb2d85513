using System.Diagnostics;
using System.Text.Json;
using AgentBot.Runner.Definitions;
using AgentBot.Runner.Tests.Engine;
using AgentBot.Runner.Tools;
using AgentBot.Runner.Tools.Mcp;

namespace AgentBot.Runner.Tests.Tools.Mcp;

public sealed class McpToolSourceTests : IDisposable
{
    // Where a logging server writes the name of every call it receives.
    private readonly string _log = Path.Combine(Path.GetTempPath(), $"agentbot-mcp-{Guid.NewGuid():N}.log");

    private static readonly ToolContext Context = new(Path.GetTempPath(), new HashSet<Capability>());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => File.Delete(_log);

    /// <summary>A server whose echo takes 30 s unless cancelled, and which logs its calls.</summary>
    private McpServerDefinition SlowEcho() =>
        TestServer.Definition(env: new Dictionary<string, string> { ["MCP_TEST_ECHO_DELAY_MS"] = "30000", ["MCP_TEST_LOG"] = _log });

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var clock = Stopwatch.StartNew(); !condition(); await Task.Delay(20, Ct))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "waited 10 s in vain");
        }
    }

    private static async Task<ToolResult> CallAsync(McpToolSource source, string tool, string json)
    {
        using var arguments = JsonDocument.Parse(json);
        return await source.Tools.Single(t => t.Name == tool).InvokeAsync(arguments.RootElement, Context, Ct);
    }

    [Fact]
    public async Task Offers_the_servers_tools_under_mcp_names_with_their_descriptions_and_schemas()
    {
        await using var source = await McpToolSource.ConnectAsync([TestServer.Definition()], null, Ct);

        Assert.Empty(source.Failures);
        Assert.Equal(["mcp.test.add", "mcp.test.echo", "mcp.test.env", "mcp.test.fail"], source.Tools.Select(t => t.Name).Order());
        Assert.All(source.Tools, t => Assert.True(t.LeavesWorkspace));
        var echo = source.Tools.Single(t => t.Name == "mcp.test.echo");
        Assert.Equal("Returns the text it is given.", echo.Description);
        Assert.Equal("object", echo.InputSchema.GetProperty("type").GetString());
        Assert.Equal("string", echo.InputSchema.GetProperty("properties").GetProperty("text").GetProperty("type").GetString());
        Assert.Equal(["text"], echo.InputSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        var add = source.Tools.Single(t => t.Name == "mcp.test.add");
        Assert.Equal(["a", "b"], add.InputSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Calls_reach_the_server_and_return_its_text()
    {
        await using var source = await McpToolSource.ConnectAsync([TestServer.Definition()], null, Ct);

        Assert.Equal(new ToolResult("héllo, wörld"), await CallAsync(source, "mcp.test.echo", """{"text":"héllo, wörld"}"""));
        Assert.Equal(new ToolResult("5.5"), await CallAsync(source, "mcp.test.add", """{"a":2,"b":3.5}"""));
    }

    [Fact]
    public async Task An_error_result_from_the_server_is_an_error_for_the_model()
    {
        await using var source = await McpToolSource.ConnectAsync([TestServer.Definition()], null, Ct);

        var result = await CallAsync(source, "mcp.test.fail", "{}");

        Assert.True(result.IsError);
        Assert.Equal("fail always fails", result.Content);
    }

    [Fact]
    public async Task Arguments_that_are_not_an_object_are_refused_before_the_server()
    {
        await using var source = await McpToolSource.ConnectAsync([TestServer.Definition()], null, Ct);

        var result = await CallAsync(source, "mcp.test.echo", """["hi"]""");

        Assert.Equal(ToolResult.Error("the arguments of mcp.test.echo must be a JSON object, not array"), result);
    }

    [Fact]
    public async Task Cancelling_the_connect_stops_the_servers_and_throws()
    {
        var silent = TestServer.Definition("silent") with { Args = [TestServer.Dll, "--silent"] };
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(500));
        var options = new McpToolSourceOptions { ShutdownTimeout = TimeSpan.FromMilliseconds(200) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => McpToolSource.ConnectAsync([TestServer.Definition(), silent], options, null, cancel.Token));
    }

    [Fact]
    public async Task A_call_slower_than_the_call_timeout_is_an_error_the_server_is_told_to_cancel()
    {
        await using var source = await McpToolSource.ConnectAsync([SlowEcho()], new McpToolSourceOptions { CallTimeout = TimeSpan.FromMilliseconds(300) }, null, Ct);
        var clock = Stopwatch.StartNew();

        var result = await CallAsync(source, "mcp.test.echo", """{"text":"hi"}""");

        Assert.Equal(ToolResult.Error("MCP server 'test' did not answer echo within 0.3 s"), result);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal(new ToolResult("5"), await CallAsync(source, "mcp.test.add", """{"a":2,"b":3}"""));
        // The server handles the cancellation and the next call concurrently: either may be logged first.
        await WaitForAsync(() => TestServer.Calls(_log).Contains("echo cancelled"));
        Assert.Equal(["add", "echo", "echo cancelled"], TestServer.Calls(_log).Order());
    }

    [Fact]
    public async Task Cancelling_the_run_cancels_the_call_on_the_server_instead_of_turning_it_into_a_result()
    {
        await using var source = await McpToolSource.ConnectAsync([SlowEcho()], null, Ct);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        run.CancelAfter(TimeSpan.FromMilliseconds(300));
        using var arguments = JsonDocument.Parse("""{"text":"hi"}""");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await source.Tools.Single(t => t.Name == "mcp.test.echo").InvokeAsync(arguments.RootElement, Context, run.Token));

        await WaitForAsync(() => TestServer.Calls(_log).Contains("echo cancelled"));
    }

    [Fact]
    public async Task The_server_sees_its_declared_env_but_nothing_of_the_apps_environment()
    {
        Environment.SetEnvironmentVariable("AGENTBOT_SECRET_FOR_TEST", "s3cret");
        try
        {
            var env = new Dictionary<string, string> { ["GREETING"] = "hello from the definition" };
            await using var source = await McpToolSource.ConnectAsync([TestServer.Definition(env: env)], null, Ct);

            Assert.Equal("(unset)", (await CallAsync(source, "mcp.test.env", """{"name":"AGENTBOT_SECRET_FOR_TEST"}""")).Content);
            Assert.Equal("hello from the definition", (await CallAsync(source, "mcp.test.env", """{"name":"GREETING"}""")).Content);
            Assert.Equal(Environment.GetEnvironmentVariable("PATH"), (await CallAsync(source, "mcp.test.env", """{"name":"PATH"}""")).Content);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AGENTBOT_SECRET_FOR_TEST", null);
        }
    }

    [Theory]
    [InlineData("tools: [mcp.test.echo]\n", new[] { "mcp.test.echo" })]
    [InlineData("tools: [mcp.test.*]\ndisallowed-tools: [mcp.test.env]\n", new[] { "mcp.test.add", "mcp.test.echo", "mcp.test.fail" })]
    [InlineData("tools: [Read, mcp.test.*]\ndisallowed-tools: [mcp.test.*]\n", new string[0])]
    public async Task For_an_agent_offers_only_what_its_lists_permit(string lists, string[] expected)
    {
        var agent = Agents.Load("name: a\nmodel: openai/gpt-4.1\nmcp-servers:\n  - name: test\n    command: dotnet\n" + lists);
        await using var source = await McpToolSource.ConnectAsync([TestServer.Definition()], null, Ct);

        Assert.Equal(expected, source.For(agent).Select(t => t.Name).Order());
    }

    [Fact]
    public async Task A_command_that_does_not_exist_is_reported_by_server_name_and_the_other_servers_still_work()
    {
        var ghost = new McpServerDefinition("ghost", "agentbot-no-such-command", [], new Dictionary<string, string>(), null, new Dictionary<string, string>());

        await using var source = await McpToolSource.ConnectAsync([ghost, TestServer.Definition()], null, Ct);

        var failure = Assert.Single(source.Failures);
        Assert.Equal("ghost", failure.Server);
        Assert.StartsWith("MCP server 'ghost' (command 'agentbot-no-such-command') could not start: ", failure.Message, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            // The cause the SDK wraps twice, surfaced.
            Assert.EndsWith("No such file or directory", failure.Message, StringComparison.Ordinal);
        }

        Assert.Equal(4, source.Tools.Count);
        Assert.Equal(new ToolResult("still here"), await CallAsync(source, "mcp.test.echo", """{"text":"still here"}"""));
    }

    [Fact]
    public async Task A_server_that_exits_at_once_is_reported_with_its_last_words_on_stderr()
    {
        var crashes = TestServer.Definition("crashes") with { Args = [TestServer.Dll, "--crash"] };

        await using var source = await McpToolSource.ConnectAsync([crashes], null, Ct);

        var failure = Assert.Single(source.Failures);
        Assert.StartsWith($"MCP server 'crashes' (command '{TestServer.Dotnet}') could not start: ", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith("Its last lines on stderr: McpTestServer: missing configuration, giving up", failure.Message, StringComparison.Ordinal);
        Assert.Empty(source.Tools);
    }

    [Fact]
    public async Task An_http_server_that_does_not_answer_is_reported_by_name()
    {
        // Port 1 on loopback: nothing listens, so the connection is refused at once.
        var offline = new McpServerDefinition("docs", null, [], new Dictionary<string, string>(), new Uri("http://127.0.0.1:1/mcp?token=abc"),
            new Dictionary<string, string> { ["Authorization"] = "Bearer t0ken" });
        var clock = Stopwatch.StartNew();

        await using var source = await McpToolSource.ConnectAsync([offline], new McpToolSourceOptions { ConnectTimeout = TimeSpan.FromSeconds(10) }, null, Ct);

        var failure = Assert.Single(source.Failures);
        Assert.StartsWith("MCP server 'docs' (url http://127.0.0.1:1/mcp) could not connect: ", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("abc", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("t0ken", failure.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(9), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_server_that_never_answers_is_reported_after_the_connect_timeout()
    {
        var silent = TestServer.Definition("silent") with { Args = [TestServer.Dll, "--silent"] };
        var clock = Stopwatch.StartNew();

        var options = new McpToolSourceOptions { ConnectTimeout = TimeSpan.FromSeconds(1), ShutdownTimeout = TimeSpan.FromMilliseconds(200) };

        await using var source = await McpToolSource.ConnectAsync([silent], options, null, Ct);

        Assert.Equal($"MCP server 'silent' (command '{TestServer.Dotnet}') did not start and list its tools within 1 s", Assert.Single(source.Failures).Message);
        // The hung process was killed after the short shutdown grace, not the SDK's default 5 s.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.Elapsed}");
    }
}
