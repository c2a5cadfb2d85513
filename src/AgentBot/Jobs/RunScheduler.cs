using AgentBot.Runs;
using Quartz;

namespace AgentBot.Jobs;

/// <summary>Puts runs into Quartz's durable store, one job per run attempt, carrying only the run id.</summary>
public sealed class RunScheduler(ISchedulerFactory schedulers, RunStore runs, TimeProvider time)
{
    public const string Group = "runs";

    public async Task ScheduleAsync(IReadOnlyList<long> runIds, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (runIds.Count == 0)
        {
            return;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var startAt = time.GetUtcNow() + delay;
        foreach (var runId in runIds)
        {
            // A fresh key per attempt: the job of an earlier attempt may still be finishing on another node.
            var job = JobBuilder.Create<RunJob>()
                .WithIdentity($"run-{runId}-{Guid.NewGuid():N}", Group)
                .UsingJobData(RunJob.RunIdKey, runId)
                .RequestRecovery()
                .Build();
            var trigger = TriggerBuilder.Create()
                .WithIdentity(job.Key.Name, Group)
                .StartAt(startAt)
                .Build();
            // A one-shot trigger's default misfire policy fires it as soon as a node is free, however late.
            await scheduler.ScheduleJob(job, trigger, default, cancellationToken);
        }

        await runs.MarkScheduledAsync(runIds, cancellationToken);
    }
}
