using AgentBot.Jobs;
using AgentBot.Runs;
using AgentBot.Storage;
using AgentBot.Tests.Infrastructure;
using AgentBot.Webhooks;

namespace AgentBot.Tests.Jobs;

/// <summary>The run job on the embedded database: completion, and failures retried as the agent's <c>retry</c> says.</summary>
public sealed class RunJobTests : IAsyncLifetime
{
    private readonly AgentBotFactory _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _ = _app.Services; // starts the host: migrations, Quartz
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<long> CreateRunAsync(string decision, int maxAttempts)
    {
        var delivery = Guid.NewGuid().ToString();
        await _app.Service<Inbox>().StoreAsync(new InboxItem(delivery, "issues", "labeled", 1, "octo/hello", "alice", "{}", DateTimeOffset.UtcNow, InboxStatus.Routed, 0), Ct);
        await using var connection = await _app.Service<Database>().OpenAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        var ids = await _app.Service<RunStore>().CreateAsync(connection, transaction, delivery,
            [new NewRun("octo/hello", 1, 12, false, "coder", "hash", "label agent:coder", maxAttempts)], decision, Ct);
        await transaction.CommitAsync(Ct);
        await _app.Service<RunScheduler>().ScheduleAsync(ids, TimeSpan.Zero, Ct);
        return ids.Single();
    }

    private async Task<RunRecord> WaitAsync(long id, Func<RunRecord, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var run = await _app.Service<RunStore>().GetAsync(id, Ct);
            if (run is not null && condition(run))
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, $"run {id} is {run?.State} after {run?.Attempts} attempts: {run?.Error}");
            await Task.Delay(50, Ct);
        }
    }

    [Fact]
    public async Task A_run_completes_once_with_its_decision_in_the_trail()
    {
        var id = await CreateRunAsync("""{"summary":"1 agent: coder"}""", maxAttempts: 1);

        var run = await WaitAsync(id, r => r.State == RunStates.Completed);

        Assert.Equal((1, "skipped"), (run.Attempts, run.Conclusion));
        var events = await _app.Service<RunStore>().EventsAsync(id, Ct);
        Assert.Single(events, e => e.Type == TrailEvents.Completed);
    }

    [Fact]
    public async Task A_failing_run_without_retries_fails_with_the_reason()
    {
        var id = await CreateRunAsync("not json", maxAttempts: 1);

        var run = await WaitAsync(id, r => r.State == RunStates.Failed);

        Assert.Equal(1, run.Attempts);
        Assert.NotNull(run.Error);
        Assert.Contains(await _app.Service<RunStore>().EventsAsync(id, Ct), e => e.Type == TrailEvents.Failed);
    }

    [Fact]
    public async Task A_failing_run_with_retries_left_is_queued_again_with_its_error()
    {
        var id = await CreateRunAsync("not json", maxAttempts: 3);

        var run = await WaitAsync(id, r => r.Attempts == 1 && r.State == RunStates.Queued);

        Assert.NotNull(run.Error);
        Assert.DoesNotContain(await _app.Service<RunStore>().EventsAsync(id, Ct), e => e.Type == TrailEvents.Failed);
    }
}
