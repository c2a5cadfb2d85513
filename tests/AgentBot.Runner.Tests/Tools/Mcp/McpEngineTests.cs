using AgentBot.Runner.Engine;
using AgentBot.Runner.Tests.Engine;
using AgentBot.Runner.Tools.Mcp;
using AgentBot.Runner.Trail;
using Microsoft.Extensions.AI;

namespace AgentBot.Runner.Tests.Tools.Mcp;

/// <summary>MCP tools through the run engine, against the real test server: the engine's lists and approvals govern them.</summary>
public sealed class McpEngineTests : IDisposable
{
    private const string Header = "name: a\nmodel: openai/gpt-4.1\nprompt: You use the test server.\nmcp-servers:\n  - name: test\n    command: dotnet\n";

    // Where the server writes the name of every call it receives.
    private readonly string _log = Path.Combine(Path.GetTempPath(), $"agentbot-mcp-{Guid.NewGuid():N}.log");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => File.Delete(_log);

    private static RunRequest Request(string yaml, McpToolSource source) =>
        new() { Agent = Agents.Load(yaml), Task = "Say hi", Workspace = Path.GetTempPath(), Tools = source.Tools };

    private static (AgentEngine Engine, ListSink Sink) Engine(IChatClient model)
    {
        var sink = new ListSink();
        return (new AgentEngine(new TestModels(model), sink, TimeProvider.System, new EngineOptions()), sink);
    }

    [Fact]
    public async Task An_autonomous_run_calls_the_allowed_tool_and_a_denied_one_never_reaches_the_server()
    {
        await using var source = await McpToolSource.ConnectAsync([TestServer.Logging(_log)], null, Ct);
        var model = new ScriptedChatClient()
            .Calls(("mcp__test__echo", """{"text":"hi"}"""), ("mcp__test__env", """{"name":"PATH"}"""))
            .Text("Said hi.");
        var (engine, sink) = Engine(model);

        var outcome = await engine.RunAsync(Request(Header + "tools: [mcp.test.echo]\npermissions: autonomous\n", source), Ct);

        Assert.Equal("Said hi.", Assert.IsType<RunCompleted>(outcome).Text);
        Assert.Equal(["mcp__test__echo"], model.Requests[0].Options!.Tools!.Select(t => t.Name));
        var calls = sink.Events.Where(e => e.Type == TrailEventTypes.ToolCall)
            .Select(e => (e.Data["tool"]!.GetValue<string>(), e.Data["allowed"]!.GetValue<bool>(), e.Data["result"]?.GetValue<string>(), e.Data["error"]?.GetValue<string>()));
        Assert.Equal(
            [("mcp.test.echo", true, "hi", null), ("mcp.test.env", false, null, "tool 'mcp.test.env' is not allowed for agent a")],
            calls);
        Assert.Equal(["echo"], TestServer.Calls(_log));
        var results = model.Requests[1].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Select(r => r.Result!.ToString()).ToList();
        Assert.Equal("hi", results[0]);
        Assert.StartsWith("Error: tool 'mcp.test.env' is not allowed", results[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_supervised_run_waits_for_approval_before_an_mcp_call_and_makes_it_once_approved()
    {
        await using var source = await McpToolSource.ConnectAsync([TestServer.Logging(_log)], null, Ct);
        var yaml = Header + "tools: [mcp.test.*]\npermissions: supervised\n";
        var model = new ScriptedChatClient().Calls(("mcp.test.add", """{"a":1,"b":2}""")).Text("It is 3.");
        var (engine, sink) = Engine(model);

        var paused = Assert.IsType<RunAwaitingApproval>(await engine.RunAsync(Request(yaml, source), Ct));

        Assert.Equal(("mcp.test.add", """{"a":1,"b":2}"""), (paused.Request.Tool, paused.Request.Arguments));
        Assert.Equal(TrailEventTypes.ApprovalRequested, sink.Events[^1].Type);
        Assert.Empty(TestServer.Calls(_log));

        var outcome = await engine.ResumeAsync(Request(yaml, source), paused.State, approved: true, by: "alice", Ct);

        Assert.Equal("It is 3.", Assert.IsType<RunCompleted>(outcome).Text);
        Assert.Equal(["add"], TestServer.Calls(_log));
        var call = Assert.Single(sink.Events, e => e.Type == TrailEventTypes.ToolCall);
        Assert.Equal("3", call.Data["result"]!.GetValue<string>());
    }
}
