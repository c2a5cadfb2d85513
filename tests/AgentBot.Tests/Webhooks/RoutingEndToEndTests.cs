using System.Net;
using System.Text.Json;
using AgentBot.Agents;
using AgentBot.Runs;
using AgentBot.Testing;
using AgentBot.Testing.FakeGitHub;
using AgentBot.Tests.Infrastructure;
using AgentBot.Webhooks;

namespace AgentBot.Tests.Webhooks;

/// <summary>
/// A delivery through the whole spine: stored, routed off the request path with the roster read from the
/// default branch, runs stored with their decision, executed as Quartz jobs, trail written.
/// </summary>
public sealed class RoutingEndToEndTests : IAsyncLifetime
{
    private FakeGitHubServer _github = null!;
    private FakeRepository _repo = null!;
    private AgentBotFactory _app = null!;
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _github = await FakeGitHubServer.StartAsync();
        _repo = _github.AddRepository("octo", "hello");
        // The project's own example roster, committed to the default branch of the fake repository.
        _repo.CommitFiles("main", "Add agents", Directory.GetFiles(RepositoryRoot.Combine("agents"), "*.yml")
            .ToDictionary(f => $"agents/{Path.GetFileName(f)}", File.ReadAllText));
        _repo.SetPermission("alice", "write");
        _repo.SetPermission("reader", "read");
        _app = AgentBotFactory.Create(_github);
        _client = _app.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _github.DisposeAsync();
    }

    private async Task<string> DeliverAsync(string eventName, string json)
    {
        var id = Guid.NewGuid().ToString();
        var response = await _client.SendAsync(Deliveries.Signed(eventName, json, id), Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return id;
    }

    private async Task<InboxItem> WaitRoutedAsync(string deliveryId)
    {
        var inbox = _app.Service<Inbox>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var item = await inbox.GetAsync(deliveryId, Ct);
            if (item is { Status: not (InboxStatus.Pending or InboxStatus.Processing) })
            {
                return item;
            }

            Assert.True(DateTime.UtcNow < deadline, $"delivery {deliveryId} was not routed: {item?.Status} {item?.Note}\n{_app.Logs.AllText}");
            await Task.Delay(50, Ct);
        }
    }

    private async Task<IReadOnlyList<RunRecord>> WaitRunsFinishedAsync(string deliveryId, int expected)
    {
        var store = _app.Service<RunStore>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var runs = (await store.ListAsync("octo/hello", Ct)).Where(r => r.DeliveryId == deliveryId).ToList();
            if (runs.Count == expected && runs.All(r => r.State is RunStates.Completed or RunStates.Failed))
            {
                return runs;
            }

            Assert.True(DateTime.UtcNow < deadline, $"runs of {deliveryId}: {string.Join(", ", runs.Select(r => $"{r.Agent}={r.State}"))}\n{_app.Logs.AllText}");
            await Task.Delay(50, Ct);
        }
    }

    [Fact]
    public async Task A_label_agent_coder_runs_the_coder_with_its_decision_and_a_full_trail()
    {
        _repo.AddIssue(12, "Add a health check");

        var delivery = await DeliverAsync("issues", TestPayloads.IssueLabeled(_repo, 12, "agent:coder"));

        var item = await WaitRoutedAsync(delivery);
        var run = Assert.Single(await WaitRunsFinishedAsync(delivery, 1));
        Assert.Equal(InboxStatus.Routed, item.Status);
        Assert.Equal(("coder", 12, RunStates.Completed, "skipped"), (run.Agent, run.Number, run.State, run.Conclusion));
        Assert.Contains("agent:coder", run.Trigger);
        var decision = JsonDocument.Parse(run.Decision).RootElement;
        Assert.Contains(decision.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("agent").GetString() == "coder" && r.GetProperty("chosen").GetBoolean());
        Assert.Equal(AgentBot.Runner.Definitions.AgentLoader.LoadPath(RepositoryRoot.Combine("agents")).Find("coder")!.ContentHash, run.DefinitionHash);
        var trail = await _app.Service<RunStore>().EventsAsync(run.Id, Ct);
        Assert.Equal([TrailEvents.Queued, TrailEvents.Started, TrailEvents.Note, TrailEvents.Completed], trail.Select(e => e.Type));
        Assert.Contains("No run engine ran", trail[2].Data);
        Assert.Contains("\"routing\"", trail[3].Data);
    }

    [Fact]
    public async Task An_opened_pull_request_runs_the_reviewer_and_the_security_reviewer_side_by_side()
    {
        _repo.AddPullRequest(30, "A change", "", "alice", "feature", "main", [FakePullRequestFile.FromPatch("src/App.cs", "@@ -1 +1 @@\n-a\n+b")]);

        var delivery = await DeliverAsync("pull_request", TestPayloads.PullRequest(_repo, 30));

        var runs = await WaitRunsFinishedAsync(delivery, 2);
        Assert.Equal(["reviewer", "security"], runs.Select(r => r.Agent).Order());
        Assert.Single(_github.RequestsTo("GET", "/repos/octo/hello/pulls/30/files"));
    }

    [Fact]
    public async Task A_command_from_a_writer_is_acknowledged_and_routed()
    {
        _repo.AddIssue(14, "t");
        var comment = _repo.AddComment(14, "alice", "/agent implement please");

        var delivery = await DeliverAsync("issue_comment", TestPayloads.Comment(_repo, 14, comment.Body, "alice", comment.Id));

        var run = Assert.Single(await WaitRunsFinishedAsync(delivery, 1));
        Assert.Equal("coder", run.Agent);
        Assert.Single(_github.RequestsTo("GET", "/repos/octo/hello/collaborators/alice/permission"));
        Assert.Contains(_repo.Reactions, r => r.Content == "eyes" && r.CommentId == comment.Id);
    }

    [Fact]
    public async Task A_command_from_someone_without_write_access_gets_a_polite_reply_and_runs_nothing()
    {
        _repo.AddIssue(15, "t");

        var delivery = await DeliverAsync("issue_comment", TestPayloads.Comment(_repo, 15, "/agent implement", "reader"));

        var item = await WaitRoutedAsync(delivery);
        Assert.StartsWith("refused: reader has read permission", item.Note, StringComparison.Ordinal);
        Assert.DoesNotContain(await _app.Service<RunStore>().ListAsync("octo/hello", Ct), r => r.DeliveryId == delivery);
        var reply = Assert.Single(_repo.CommentsOn(15));
        Assert.Contains("only people with write access", reply.Body);
    }

    [Theory]
    [InlineData("dependabot[bot]", "/agent implement", "sender dependabot[bot] is a bot; AgentBot never answers bots")]
    [InlineData("alice", "Working on it\n<!-- agentbot:run:3 -->\n/agent implement", "the comment carries AgentBot's own marker")]
    [InlineData("alice", "Thanks, looks good", "no /agent command")]
    public async Task Comments_that_are_not_commands_for_agentbot_are_ignored(string sender, string body, string note)
    {
        _repo.AddIssue(16, "t");

        var delivery = await DeliverAsync("issue_comment", TestPayloads.Comment(_repo, 16, body, sender));

        var item = await WaitRoutedAsync(delivery);
        Assert.Equal((InboxStatus.Ignored, note), (item.Status, item.Note));
        Assert.Empty(_repo.CommentsOn(16));
    }

    [Fact]
    public async Task Asking_for_an_agent_that_does_not_exist_explains_once_with_the_roster()
    {
        _repo.AddIssue(17, "t");

        var delivery = await DeliverAsync("issue_comment", TestPayloads.Comment(_repo, 17, "/agent designer make it pretty"));

        await WaitRoutedAsync(delivery);
        var reply = Assert.Single(_repo.CommentsOn(17), c => c.User.IsBot);
        Assert.Contains("designer", reply.Body);
        Assert.Contains("coder", reply.Body);
        Assert.Contains("<!-- agentbot:routing:", reply.Body);
    }

    [Fact]
    public async Task A_push_that_changes_agents_on_the_default_branch_reloads_the_roster_and_reports_it_on_the_commit()
    {
        var first = await DeliverAsync("issues", TestPayloads.IssueLabeled(_repo, _repo.AddIssue(18, "t").Number, "agent:coder"));
        await WaitRunsFinishedAsync(first, 1);
        var head = _repo.CommitFiles("main", "Break the coder, add a tester", new Dictionary<string, string>
        {
            ["agents/coder.yml"] = "name: coder\nmodle: openai/gpt-4.1\n",
            ["agents/tester.yml"] = "name: tester\nrole: QA\nmodel: openai/gpt-4.1\nprompt: Test things.\n",
        });

        var push = await DeliverAsync("push", TestPayloads.Push(_repo, head, "agents/coder.yml", "agents/tester.yml"));
        await WaitRoutedAsync(push);

        var check = Assert.Single(_repo.CheckRuns, c => c.Name == AgentsCheck.Name);
        Assert.Equal((head, "completed", "failure"), (check.HeadSha, check.Status, check.Conclusion));
        Assert.Contains(check.Annotations, a => a.Path == "agents/coder.yml" && a.StartLine == 2 && a.Level == "failure" && a.Message.Contains("did you mean 'model'", StringComparison.Ordinal));
        var roster = await _app.Service<RosterProvider>().GetAsync(1, "octo", "hello", "main", Ct);
        Assert.Contains(roster.Agents, a => a.Name == "tester");
        Assert.DoesNotContain(roster.Agents, a => a.Name == "coder");
    }
}
