using System.Text.Json.Nodes;
using AgentBot.Runner.Engine;
using AgentBot.Runner.Tools;
using AgentBot.Runner.Trail;
using AgentBot.Testing;
using Microsoft.Extensions.AI;

namespace AgentBot.Runner.Tests.Engine;

public sealed class AgentEngineTests
{
    private const string Header = "name: a\nmodel: openai/gpt-4.1\nprompt: You fix things.\n";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (AgentEngine Engine, ListSink Sink) Engine(IChatClient client, TimeProvider? time = null, EngineOptions? options = null, decimal input = 1m, decimal output = 2m)
    {
        var sink = new ListSink();
        return (new AgentEngine(new TestModels(client, input, output), sink, time ?? TimeProvider.System, options ?? new EngineOptions()), sink);
    }

    private static RunRequest Request(string yaml, params ITool[] tools) =>
        new() { Agent = Agents.Load(yaml), Task = "Fix the bug in a.txt", Workspace = Path.GetTempPath(), Tools = tools };

    [Fact]
    public async Task Reads_edits_and_finishes_with_every_step_in_the_trail()
    {
        var read = new RecordingTool("Read");
        var edit = new RecordingTool("Edit", answer: _ => new ToolResult("edited", Changes: [new FileChange("a.txt", 2, 1)]));
        var model = new ScriptedChatClient().Calls(("Read", """{"path":"a.txt"}""")).Calls(("Edit", """{"path":"a.txt"}""")).Text("Fixed the bug.");
        var (engine, sink) = Engine(model);

        var outcome = await engine.RunAsync(Request(Header + "tools: [Read, Edit]\n", read, edit), Ct);

        var done = Assert.IsType<RunCompleted>(outcome);
        Assert.Equal("Fixed the bug.", done.Text);
        Assert.Equal((3, 300L, 60L), (done.Totals.Turns, done.Totals.InputTokens, done.Totals.OutputTokens));
        Assert.Equal(
            ["run.started", "model.call", "tool.call", "model.call", "tool.call", "file.changed", "model.call", "run.completed"],
            sink.Types);
        Assert.Equal(("a.txt", 2, 1), (sink.Events[5].Data["path"]!.GetValue<string>(), sink.Events[5].Data["added"]!.GetValue<int>(), sink.Events[5].Data["removed"]!.GetValue<int>()));
        Assert.Equal(["Read", "Edit"], model.Requests[0].Options!.Tools!.Select(t => t.Name));
        // The tool result went back to the model with the call's id.
        Assert.Contains(model.Requests[1].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>(), r => r.Result!.ToString() == "Read done");
        Assert.Contains("untrusted input", model.Requests[0].Messages[1].Text);
    }

    [Fact]
    public async Task Offers_only_the_allow_list_minus_the_deny_list()
    {
        var model = new ScriptedChatClient().Text("ok");
        var (engine, _) = Engine(model);

        await engine.RunAsync(Request(Header + "tools: [Read, Bash, github.*]\ndisallowed-tools: [Bash, github.comment]\n",
            new RecordingTool("Read"), new RecordingTool("Bash"), new RecordingTool("Write"), new RecordingTool("github.comment", true), new RecordingTool("github.get_issue")), Ct);

        // Offered under names the model APIs accept (no dots).
        Assert.Equal(["Read", "github__get_issue"], model.Requests[0].Options!.Tools!.Select(t => t.Name));
    }

    [Theory]
    [InlineData("Bash", "tool 'Bash' is not allowed for agent a")] // exists, but denied
    [InlineData("Write", "tool 'Write' is not allowed for agent a")] // exists, never allowed
    [InlineData("github__approve_everything", "there is no tool 'github.approve_everything'")]
    public async Task A_call_to_a_tool_not_offered_or_denied_is_refused_recorded_and_never_run(string tool, string reason)
    {
        var bash = new RecordingTool("Bash");
        var write = new RecordingTool("Write");
        var model = new ScriptedChatClient().Calls((tool, """{"path":"x"}""")).Text("gave up");
        var (engine, sink) = Engine(model);

        var outcome = await engine.RunAsync(Request(Header + "tools: [Read, Bash]\ndisallowed-tools: [Bash]\n", new RecordingTool("Read"), bash, write), Ct);

        Assert.IsType<RunCompleted>(outcome);
        Assert.Empty(bash.Calls);
        Assert.Empty(write.Calls);
        var call = Assert.Single(sink.Events, e => e.Type == TrailEventTypes.ToolCall);
        Assert.Equal((tool.Replace("__", ".", StringComparison.Ordinal), false, reason), (call.Data["tool"]!.GetValue<string>(), call.Data["allowed"]!.GetValue<bool>(), call.Data["error"]!.GetValue<string>()));
        Assert.Contains(model.Requests[1].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>(), r => r.Result!.ToString()!.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_turn_budget_means_at_most_that_many_model_calls()
    {
        var model = new ScriptedChatClient();
        for (var i = 0; i < 5; i++)
        {
            model.Calls(("Read", """{"path":"a"}"""));
        }

        var (engine, sink) = Engine(model);

        var outcome = await engine.RunAsync(Request(Header + "tools: [Read]\nbudget: { max-turns: 3 }\n", new RecordingTool("Read")), Ct);

        var stop = Assert.IsType<RunStopped>(outcome);
        Assert.Equal((RunConclusions.BudgetTurns, 3), (stop.Conclusion, model.Requests.Count));
        Assert.Equal(RunConclusions.BudgetTurns, sink.Events[^1].Data["conclusion"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_token_budget_stops_the_run_and_caps_each_answer()
    {
        var model = new ScriptedChatClient().CallsWithUsage(600, 100, ("Read", "{}")).CallsWithUsage(700, 100, ("Read", "{}")).Text("never");
        var (engine, _) = Engine(model);

        var outcome = await engine.RunAsync(Request(Header + "tools: [Read]\nbudget: { max-tokens: 1000 }\n", new RecordingTool("Read")), Ct);

        var stop = Assert.IsType<RunStopped>(outcome);
        Assert.Equal(RunConclusions.BudgetTokens, stop.Conclusion);
        Assert.Equal(2, model.Requests.Count);
        Assert.Equal(300, model.Requests[1].Options!.MaxOutputTokens);
    }

    [Fact]
    public async Task The_cost_budget_fails_closed_before_a_call_that_could_overrun_it()
    {
        // 10 USD per million output tokens: the worst case of one call (8,192 output tokens) is about 0.08 USD.
        var model = new ScriptedChatClient().CallsWithUsage(1000, 2000, ("Read", "{}")).CallsWithUsage(1000, 2000, ("Read", "{}")).Text("never");
        var (engine, sink) = Engine(model, input: 1m, output: 10m);

        var outcome = await engine.RunAsync(Request(Header + "tools: [Read]\nbudget: { max-cost-usd: 0.09 }\n", new RecordingTool("Read")), Ct);

        var stop = Assert.IsType<RunStopped>(outcome);
        Assert.Equal(RunConclusions.BudgetCost, stop.Conclusion);
        Assert.Single(model.Requests);
        Assert.True(stop.Totals.CostUsd <= 0.09m);
        Assert.StartsWith("the next model call could cost up to", stop.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_time_limit_ends_a_run_stuck_in_a_model_call()
    {
        var clock = new ManualTimeProvider();
        var model = new ScriptedChatClient().Hang();
        var (engine, _) = Engine(model, clock);

        var run = engine.RunAsync(Request(Header + "timeout: 10m\n"), Ct);
        await clock.WaitForTimerAsync();
        clock.Advance(TimeSpan.FromMinutes(10));
        var outcome = await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(RunConclusions.Timeout, Assert.IsType<RunStopped>(outcome).Conclusion);
    }

    [Fact]
    public async Task Cancellation_ends_the_run_at_the_next_safe_point()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var model = new ScriptedChatClient().Then(async ct =>
        {
            await cancel.CancelAsync();
            await Task.Delay(Timeout.Infinite, ct);
            return null!;
        });
        var (engine, sink) = Engine(model);

        var outcome = await engine.RunAsync(Request(Header), cancel.Token);

        Assert.Equal(RunConclusions.Cancelled, Assert.IsType<RunStopped>(outcome).Conclusion);
        Assert.Equal(TrailEventTypes.Completed, sink.Events[^1].Type);
    }

    [Fact]
    public async Task A_failing_model_call_fails_the_run_with_the_reason()
    {
        var model = new ScriptedChatClient().Throw(new HttpRequestException("connection refused"));
        var (engine, sink) = Engine(model);

        var outcome = await engine.RunAsync(Request(Header), Ct);

        Assert.Equal("the model call failed: connection refused", Assert.IsType<RunFailed>(outcome).Reason);
        Assert.Equal(TrailEventTypes.Failed, sink.Events[^1].Type);
    }

    [Fact]
    public async Task A_supervised_run_pauses_before_a_side_effect_and_resumes_in_a_fresh_engine()
    {
        var comment = new RecordingTool("github.comment", leavesWorkspace: true);
        var read = new RecordingTool("Read");
        var yaml = Header + "tools: [Read, github.comment]\npermissions: supervised\n";
        var model = new ScriptedChatClient()
            .Calls(("Read", """{"path":"a"}"""), ("github__comment", """{"body":"Done"}"""), ("Read", """{"path":"b"}"""))
            .Text("Commented.");
        var (first, firstSink) = Engine(model);

        var paused = Assert.IsType<RunAwaitingApproval>(await first.RunAsync(Request(yaml, read, comment), Ct));

        Assert.Equal("github.comment", paused.Request.Tool);
        Assert.Empty(comment.Calls);
        Assert.Single(read.Calls); // the call before the side effect ran; the one after waits
        Assert.Equal(TrailEventTypes.ApprovalRequested, firstSink.Events[^1].Type);

        var (second, secondSink) = Engine(model);
        var outcome = await second.ResumeAsync(Request(yaml, read, comment), paused.State, approved: true, by: "alice", Ct);

        Assert.IsType<RunCompleted>(outcome);
        Assert.Equal(["""{"body":"Done"}"""], comment.Calls);
        Assert.Equal(2, read.Calls.Count);
        Assert.Equal(["approval.granted", "tool.call", "tool.call", "model.call", "run.completed"], secondSink.Types);
        Assert.Equal(2, outcome.Totals.Turns);
    }

    [Fact]
    public async Task A_rejected_step_is_not_done_and_the_model_is_told()
    {
        var comment = new RecordingTool("github.comment", leavesWorkspace: true);
        var yaml = Header + "tools: [github.comment]\n";
        var model = new ScriptedChatClient().Calls(("github.comment", """{"body":"x"}""")).Text("Understood.");
        var (engine, sink) = Engine(model);
        var paused = Assert.IsType<RunAwaitingApproval>(await engine.RunAsync(Request(yaml, comment), Ct));

        var outcome = await engine.ResumeAsync(Request(yaml, comment), paused.State, approved: false, by: "alice", Ct);

        Assert.IsType<RunCompleted>(outcome);
        Assert.Empty(comment.Calls);
        Assert.Contains(TrailEventTypes.ApprovalDenied, sink.Types);
        Assert.Contains(model.Requests[1].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>(), r => r.Result!.ToString()!.Contains("rejected", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("autonomous")]
    [InlineData("unrestricted")]
    public async Task Autonomous_and_unrestricted_runs_do_not_pause_but_keep_to_the_allow_list(string permissions)
    {
        var comment = new RecordingTool("github.comment", leavesWorkspace: true);
        var review = new RecordingTool("github.create_review", leavesWorkspace: true);
        var model = new ScriptedChatClient().Calls(("github.comment", "{}"), ("github.create_review", "{}")).Text("done");
        var (engine, _) = Engine(model);

        var outcome = await engine.RunAsync(Request(Header + $"tools: [github.comment]\npermissions: {permissions}\n", comment, review), Ct);

        Assert.IsType<RunCompleted>(outcome);
        Assert.Single(comment.Calls);
        Assert.Empty(review.Calls);
    }

    [Fact]
    public async Task Declared_outputs_are_read_from_the_final_answer()
    {
        var model = new ScriptedChatClient().Text("Looks good.\n```json\n{\"verdict\": \"approved\", \"confidence\": 0.9}\n```");
        var (engine, sink) = Engine(model);

        var outcome = await engine.RunAsync(Request(Header + "outputs: [verdict, confidence]\n"), Ct);

        var done = Assert.IsType<RunCompleted>(outcome);
        Assert.Equal("approved", done.Outputs!["verdict"]!.GetValue<string>());
        Assert.Equal("approved", sink.Events[^1].Data["outputs"]!["verdict"]!.GetValue<string>());
        Assert.NotNull(model.Requests[0].Options!.ResponseFormat);
        Assert.Contains("\"verdict\"", model.Requests[0].Messages[0].Text);
    }

    [Fact]
    public async Task A_malformed_answer_is_repaired_once()
    {
        var model = new ScriptedChatClient().Text("approved!").Text("""{"verdict": "approved"}""");
        var (engine, _) = Engine(model);

        var outcome = await engine.RunAsync(Request(Header + "outputs: [verdict]\n"), Ct);

        Assert.Equal("approved", Assert.IsType<RunCompleted>(outcome).Outputs!["verdict"]!.GetValue<string>());
        Assert.Contains("could not be read: the answer contains no JSON object", model.Requests[1].Messages[^1].Text);
    }

    [Fact]
    public async Task A_second_malformed_answer_fails_the_run()
    {
        var model = new ScriptedChatClient().Text("{\"other\": 1}").Text("still no");
        var (engine, _) = Engine(model);

        var outcome = await engine.RunAsync(Request(Header + "outputs: [verdict]\n"), Ct);

        Assert.Contains("no valid outputs after one repair", Assert.IsType<RunFailed>(outcome).Reason);
    }

    [Fact]
    public async Task Secrets_never_reach_the_trail()
    {
        const string Secret = "sk-test-1234567890abcdef";
        var tool = new RecordingTool("Read", answer: _ => new ToolResult($"OPENAI_API_KEY={Secret}"));
        var model = new ScriptedChatClient().Calls(("Read", $$"""{"path":"{{Secret}}"}""")).Text($"The key is {Secret}");
        var (engine, sink) = Engine(model, options: new EngineOptions { Secrets = [Secret] });

        await engine.RunAsync(Request(Header + "tools: [Read]\n", tool), Ct);

        var all = string.Join('\n', sink.Events.Select(e => e.Data.ToJsonString()));
        Assert.DoesNotContain(Secret, all, StringComparison.Ordinal);
        Assert.Contains("***", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cost_milestones_are_reported_as_the_cost_grows()
    {
        var model = new ScriptedChatClient().CallsWithUsage(100_000, 0, ("Read", "{}")).CallsWithUsage(200_000, 0, ("Read", "{}")).Text("done", 0, 0);
        var (engine, sink) = Engine(model, options: new EngineOptions { CostMilestoneUsd = 0.1m });

        await engine.RunAsync(Request(Header + "tools: [Read]\n", new RecordingTool("Read")), Ct);

        Assert.Equal([0.1m, 0.2m, 0.3m], sink.Events.Where(e => e.Type == TrailEventTypes.CostMilestone).Select(e => e.Data["milestoneUsd"]!.GetValue<decimal>()));
    }

    [Fact]
    public async Task A_run_state_survives_serialisation()
    {
        var state = new RunState { Turns = 3, CostUsd = 0.123m, PendingCallId = "c1", Elapsed = TimeSpan.FromSeconds(90) };
        state.Messages.Add(new ChatMessage(ChatRole.User, "hi"));
        state.Messages.Add(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("c1", "Read", new Dictionary<string, object?> { ["path"] = "a" })]));
        state.Approved.Add("c0");

        var copy = RunState.Deserialize(state.Serialize());

        Assert.Equal((3, 0.123m, "c1", TimeSpan.FromSeconds(90)), (copy.Turns, copy.CostUsd, copy.PendingCallId, copy.Elapsed));
        var call = Assert.IsType<FunctionCallContent>(copy.Messages[1].Contents[0]);
        Assert.Equal(("c1", "Read"), (call.CallId, call.Name));
        Assert.Contains("c0", copy.Approved);
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData("Read", "Read")]
    [InlineData("github.comment", "github__comment")]
    [InlineData("mcp.docs.search.v2", "mcp__docs__search__v2")]
    [InlineData("mcp.my-server.do it", "mcp__my-server__do_it")]
    public void Tool_names_are_offered_in_the_form_model_apis_accept(string name, string wire)
    {
        var names = new WireNames([new RecordingTool(name)]);

        Assert.Equal(wire, WireNames.ToWire(name));
        Assert.Matches("^[A-Za-z0-9_-]{1,64}$", WireNames.ToWire(name + new string('x', 80)));
        Assert.Equal(name, names.Resolve(wire));
    }

    [Fact]
    public async Task An_interactive_run_asks_the_humans_and_goes_on_with_their_answer()
    {
        var model = new ScriptedChatClient().Calls(("ask_human", """{"question":"Postgres or SQLite?"}""")).Text("Using Postgres.");
        var (engine, sink) = Engine(model);
        var request = Request(Header + "permissions: interactive\n");

        var paused = Assert.IsType<RunAwaitingApproval>(await engine.RunAsync(request, Ct));
        Assert.Equal("ask_human", paused.Request.Tool);
        Assert.Equal(("question", "Postgres or SQLite?"), (sink.Events[^1].Data["kind"]!.GetValue<string>(), sink.Events[^1].Data["question"]!.GetValue<string>()));

        var outcome = await engine.AnswerAsync(request, paused.State, "Postgres, please", "alice", Ct);

        Assert.IsType<RunCompleted>(outcome);
        Assert.Contains(model.Requests[1].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>(), r => r.Result!.ToString()!.Contains("Postgres, please", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_interactive_agents_may_ask()
    {
        var model = new ScriptedChatClient().Calls(("ask_human", """{"question":"?"}""")).Text("ok");
        var (engine, sink) = Engine(model);

        var outcome = await engine.RunAsync(Request(Header + "permissions: supervised\n"), Ct);

        Assert.IsType<RunCompleted>(outcome);
        Assert.DoesNotContain(model.Requests[0].Options!.Tools ?? [], t => t.Name == "ask_human");
        Assert.False(Assert.Single(sink.Events, e => e.Type == TrailEventTypes.ToolCall).Data["allowed"]!.GetValue<bool>());
    }
}
