using System.Net;
using AgentBot.Runs;
using AgentBot.Testing;
using AgentBot.Testing.FakeGitHub;
using AgentBot.Tests.Infrastructure;
using AgentBot.Webhooks;

namespace AgentBot.Tests.Webhooks;

/// <summary>A delivery answered 202 is never lost: what a stopped process had not routed is routed after it starts again.</summary>
public sealed class RestartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<InboxItem> WaitForAsync(AgentBotFactory app, string deliveryId, Func<InboxItem, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var item = await app.Service<Inbox>().GetAsync(deliveryId, Ct);
            if (item is not null && condition(item))
            {
                return item;
            }

            Assert.True(DateTime.UtcNow < deadline, $"delivery {deliveryId} is {item?.Status}: {item?.Note}");
            await Task.Delay(50, Ct);
        }
    }

    [Fact]
    public async Task Deliveries_accepted_but_not_yet_routed_when_the_process_stops_are_routed_after_it_starts_again()
    {
        await using var github = await FakeGitHubServer.StartAsync();
        var repo = github.AddRepository("octo", "hello");
        repo.CommitFiles("main", "Add agents", new Dictionary<string, string> { ["agents/coder.yml"] = File.ReadAllText(RepositoryRoot.Combine("agents", "coder.yml")) });
        repo.AddIssue(12, "Add a health check");
        var folder = Directory.CreateTempSubdirectory("agentbot-restart-");
        var database = Path.Combine(folder.FullName, "agentbot.db");
        // The first process hangs reading the roster, so it is mid-routing when it stops.
        var hang = github.Faults.For("GET", "/repos/octo/hello/git/trees/**").Delay(TimeSpan.FromSeconds(60), times: 100);
        string first, second;
        try
        {
            await using (var before = AgentBotFactory.Create(github, database))
            {
                using var client = before.CreateClient();
                first = Guid.NewGuid().ToString();
                second = Guid.NewGuid().ToString();
                Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(Deliveries.Signed("issues", TestPayloads.IssueLabeled(repo, 12, "agent:coder"), first), Ct)).StatusCode);
                Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(Deliveries.Signed("issues", TestPayloads.IssueLabeled(repo, 12, "agent:coder"), second), Ct)).StatusCode);
                await WaitForAsync(before, first, i => i.Status == InboxStatus.Processing);
                Assert.Empty(await before.Service<RunStore>().ListAsync(null, Ct));
            }

            github.Faults.Clear();
            Assert.True(hang.Remaining > 0);

            await using var after = AgentBotFactory.Create(github, database);
            _ = after.Services; // starting the host starts the inbox processor
            var routed = await WaitForAsync(after, first, i => i.Status == InboxStatus.Routed);
            await WaitForAsync(after, second, i => i.Status == InboxStatus.Routed);

            Assert.Equal(2, routed.Attempts);
            var runs = await after.Service<RunStore>().ListAsync("octo/hello", Ct);
            Assert.Equal(new[] { first, second }.Order(), runs.Select(r => r.DeliveryId!).Order());
            Assert.All(runs, r => Assert.Equal("coder", r.Agent));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
