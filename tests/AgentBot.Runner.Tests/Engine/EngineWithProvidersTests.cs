using System.Text.Json.Nodes;
using AgentBot.Runner.Engine;
using AgentBot.Runner.Models;
using AgentBot.Runner.Tests.Models;
using AgentBot.Runner.Tools;
using AgentBot.Runner.Tools.Workspace;
using AgentBot.Runner.Trail;
using AgentBot.Testing.FakeModels;

namespace AgentBot.Runner.Tests.Engine;

/// <summary>
/// The engine over the real OpenAI and Anthropic SDKs, talking to fake model servers on 127.0.0.1 that script
/// multi-turn tool use, with the real workspace tools on a real folder.
/// </summary>
public sealed class EngineWithProvidersTests : IDisposable
{
    private readonly DirectoryInfo _workspace = Directory.CreateTempSubdirectory("agentbot-engine-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _workspace.Delete(recursive: true);

    private static (AgentEngine Engine, ListSink Sink) Engine(ModelHarness models)
    {
        var sink = new ListSink();
        var access = new ModelAccess(models.Registry, new ModelPrices(new Dictionary<string, ModelPrice> { [models.ModelId] = new() { Input = 2m, Output = 8m } }));
        return (new AgentEngine(access, sink, models.Clock, new EngineOptions()), sink);
    }

    private RunRequest Request(ModelHarness models, string extra, params ITool[] more) => new()
    {
        Agent = Agents.Load($"name: fixer\nmodel: {models.ProviderName}/{models.ModelId}\nprompt: You fix typos.\n{extra}"),
        Task = "Fix the typo in greeting.txt",
        Workspace = _workspace.FullName,
        Tools = [.. WorkspaceTools.All, .. more],
    };

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    public async Task A_run_reads_edits_and_finishes_through_the_real_sdk(string provider)
    {
        await using var models = await ModelHarness.StartAsync(provider);
        await File.WriteAllTextAsync(Path.Combine(_workspace.FullName, "greeting.txt"), "Helo, world!\n", Ct);
        models.Reply
            .ToolCalls(("Read", """{"path":"greeting.txt"}"""))
            .ToolCalls(new FakeUsage(1200, 80, 1000), ("Edit", """{"path":"greeting.txt","old_string":"Helo","new_string":"Hello"}"""))
            .Text("Fixed the typo.");
        var (engine, sink) = Engine(models);

        var outcome = await engine.RunAsync(Request(models, "tools: [Read, Edit]\n"), Ct);

        var done = Assert.IsType<RunCompleted>(outcome);
        Assert.Equal("Fixed the typo.", done.Text);
        Assert.Equal("Hello, world!\n", await File.ReadAllTextAsync(Path.Combine(_workspace.FullName, "greeting.txt"), Ct));
        Assert.Equal(3, models.Requests.Count);
        Assert.Empty(models.UnexpectedRequests);
        // Only the allowed tools were offered, and the file's content went back to the model with the call's id.
        var offered = models.Requests[0].Body!["tools"]!.AsArray().Select(t => (t!["function"]?["name"] ?? t["name"])!.GetValue<string>());
        Assert.Equal(["Edit", "Read"], offered.Order());
        Assert.Contains("Helo, world!", models.Requests[1].RawBody);
        var file = Assert.Single(sink.Events, e => e.Type == TrailEventTypes.FileChanged);
        Assert.Equal(("greeting.txt", 1, 1), (file.Data["path"]!.GetValue<string>(), file.Data["added"]!.GetValue<int>(), file.Data["removed"]!.GetValue<int>()));
        Assert.Equal(1000, sink.Events.Where(e => e.Type == TrailEventTypes.ModelCall).Sum(e => e.Data["cachedTokens"]!.GetValue<long>()));
        Assert.True(done.Totals.CostUsd > 0);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    public async Task A_model_calling_a_disallowed_tool_is_refused_and_nothing_runs(string provider)
    {
        await using var models = await ModelHarness.StartAsync(provider);
        models.Reply.ToolCalls(("Bash", """{"command":"touch pwned"}""")).Text("I could not.");
        var (engine, sink) = Engine(models);

        var outcome = await engine.RunAsync(Request(models, "tools: [Read]\n"), Ct);

        Assert.IsType<RunCompleted>(outcome);
        Assert.False(File.Exists(Path.Combine(_workspace.FullName, "pwned")));
        var call = Assert.Single(sink.Events, e => e.Type == TrailEventTypes.ToolCall);
        Assert.False(call.Data["allowed"]!.GetValue<bool>());
        Assert.Contains("not allowed", models.Requests[1].RawBody);
    }

    [Fact]
    public async Task A_429_then_success_is_retried_as_the_server_says()
    {
        await using var models = await ModelHarness.OpenAIAsync();
        models.Reply.Status(429, retryAfter: TimeSpan.FromSeconds(20)).Text("done");
        var (engine, _) = Engine(models);

        var outcome = await models.DriveAsync(engine.RunAsync(Request(models, string.Empty), Ct));

        Assert.IsType<RunCompleted>(outcome);
        Assert.Equal(2, models.Requests.Count);
    }

    [Fact]
    public async Task A_supervised_run_pauses_and_resumes_from_its_serialised_state_in_a_fresh_engine()
    {
        await using var models = await ModelHarness.OpenAIAsync();
        var publish = new RecordingTool("github.comment", leavesWorkspace: true);
        models.Reply.ToolCalls(("github__comment", """{"body":"Fixed"}""")).Text("Posted.");
        var (first, _) = Engine(models);

        var paused = Assert.IsType<RunAwaitingApproval>(await first.RunAsync(Request(models, "tools: [github.comment]\n", publish), Ct));
        Assert.Empty(publish.Calls);
        var state = JsonNode.Parse(paused.State)!.ToJsonString(); // it is plain JSON: storable anywhere

        var (second, sink) = Engine(models);
        var outcome = await second.ResumeAsync(Request(models, "tools: [github.comment]\n", publish), state, approved: true, by: "alice", Ct);

        Assert.IsType<RunCompleted>(outcome);
        Assert.Single(publish.Calls);
        Assert.Equal(TrailEventTypes.ApprovalGranted, sink.Events[0].Type);
        // The resumed conversation is accepted by the provider: the call and its result, with the same id.
        Assert.Contains("github__comment", models.Requests[1].RawBody);
        Assert.Contains("github.comment done", models.Requests[1].RawBody);
    }

    [Fact]
    public async Task Declared_outputs_use_the_providers_json_schema_format_and_a_malformed_answer_is_repaired()
    {
        await using var models = await ModelHarness.OpenAIAsync();
        models.Reply.Text("I approve!").Json("""{"verdict":"approved","summary":"fine"}""");
        var (engine, _) = Engine(models);

        var outcome = await engine.RunAsync(Request(models, "outputs: [verdict, summary]\n"), Ct);

        Assert.Equal("approved", Assert.IsType<RunCompleted>(outcome).Outputs!["verdict"]!.GetValue<string>());
        Assert.Equal("json_schema", models.Requests[0].Body!["response_format"]!["type"]!.GetValue<string>());
        Assert.Contains("could not be read", models.Requests[1].RawBody);
    }

    [Theory]
    [InlineData("budget: { max-turns: 2 }", RunConclusions.BudgetTurns, 2)]
    [InlineData("budget: { max-tokens: 2500 }", RunConclusions.BudgetTokens, 2)]
    [InlineData("budget: { max-cost-usd: 0.07 }", RunConclusions.BudgetCost, 1)] // a call could cost 8,192 output tokens × $8/M ≈ $0.066
    public async Task Each_budget_ends_the_run_with_its_conclusion(string budget, string conclusion, int calls)
    {
        await using var models = await ModelHarness.OpenAIAsync();
        for (var i = 0; i < 5; i++)
        {
            models.Reply.ToolCalls(new FakeUsage(1000, 500, 0), ("Glob", """{"pattern":"*"}"""));
        }

        var (engine, sink) = Engine(models);

        var outcome = await engine.RunAsync(Request(models, $"tools: [Glob]\n{budget}\n"), Ct);

        Assert.Equal(conclusion, Assert.IsType<RunStopped>(outcome).Conclusion);
        Assert.Equal(calls, models.Requests.Count);
        Assert.Equal(conclusion, sink.Events[^1].Data["conclusion"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_time_limit_ends_a_run_whose_model_does_not_answer()
    {
        await using var models = await ModelHarness.OpenAIAsync();
        models.Reply.Delay(TimeSpan.FromHours(1)).Text("too late");
        var (engine, _) = Engine(models);

        var run = engine.RunAsync(Request(models, "timeout: 5m\n"), Ct);
        await models.Clock.WaitForTimerAsync();
        models.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(RunConclusions.Timeout, Assert.IsType<RunStopped>(await run.WaitAsync(TimeSpan.FromSeconds(10), Ct)).Conclusion);
    }
}
