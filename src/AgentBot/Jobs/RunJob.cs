using System.Text.Json.Nodes;
using AgentBot.Runs;
using Microsoft.Extensions.Options;
using Quartz;

namespace AgentBot.Jobs;

/// <summary>
/// One run, as a Quartz job carrying only the run id. The run's state in the database decides whether this
/// firing may start it, so a run is started and finished once even when a recovered firing races a slow node.
/// PLACEHOLDER until the engine is joined to GitHub runs (issue #6): the job records the trail around where the engine will run,
/// says in the trail that no engine ran, and completes with conclusion "skipped".
/// </summary>
public sealed partial class RunJob(RunStore runs, RunScheduler scheduler, IOptions<NodeOptions> node, IOptions<JobsOptions> options, TimeProvider time, ILogger<RunJob> logger) : IJob
{
    public const string RunIdKey = "runId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var runId = context.MergedJobDataMap.GetLong(RunIdKey);
        var run = await runs.GetAsync(runId, cancellationToken);
        if (run is null || !await runs.TryStartAsync(runId, node.Value.Id, context.Recovering, cancellationToken))
        {
            Log.NotStarted(logger, runId, run?.State ?? "missing");
            return;
        }

        await runs.AppendAsync(runId, TrailEvents.Started,
            TrailJson.Object(("node", node.Value.Id), ("attempt", run.Attempts + 1), ("recovering", context.Recovering)), cancellationToken);
        try
        {
            if (options.Value.PlaceholderDuration > TimeSpan.Zero)
            {
                await Task.Delay(options.Value.PlaceholderDuration, time, cancellationToken);
            }

            await runs.AppendAsync(runId, TrailEvents.Note, TrailJson.Object(
                ("message", "No run engine ran: AgentBot routed and scheduled this run, but the engine is not yet joined to GitHub runs (issue #6).")), cancellationToken);
            var outputs = new JsonObject { ["routing"] = JsonNode.Parse(run.Decision) }.ToJsonString();
            await runs.FinishAsync(runId, RunStates.Completed, "skipped", null, outputs, cancellationToken);
            Log.Finished(logger, runId, run.Agent, run.Repository);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The node is stopping: hand the run back so another node (or this one, restarted) takes it.
            await runs.RequeueAsync(runId, "the worker stopped during the run", CancellationToken.None);
            await scheduler.ScheduleAsync([runId], TimeSpan.Zero, CancellationToken.None);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (run.Attempts + 1 < run.MaxAttempts)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(300, 10 * Math.Pow(2, run.Attempts)));
                await runs.RequeueAsync(runId, ex.Message, CancellationToken.None);
                await scheduler.ScheduleAsync([runId], delay, CancellationToken.None);
                Log.WillRetry(logger, runId, run.Attempts + 1, run.MaxAttempts, delay, ex.Message);
            }
            else
            {
                await runs.FinishAsync(runId, RunStates.Failed, "failure", ex.Message, null, CancellationToken.None);
                Log.Failed(logger, ex, runId, run.Attempts + 1);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Run {RunId} not started here: it is {State}")]
        public static partial void NotStarted(ILogger logger, long runId, string state);

        [LoggerMessage(2, LogLevel.Information, "Run {RunId} of {Agent} on {Repository} finished")]
        public static partial void Finished(ILogger logger, long runId, string agent, string repository);

        [LoggerMessage(3, LogLevel.Warning, "Run {RunId} attempt {Attempt} of {MaxAttempts} failed; retrying in {Delay}: {Error}")]
        public static partial void WillRetry(ILogger logger, long runId, int attempt, int maxAttempts, TimeSpan delay, string error);

        [LoggerMessage(4, LogLevel.Error, "Run {RunId} failed after {Attempts} attempts")]
        public static partial void Failed(ILogger logger, Exception exception, long runId, int attempts);
    }
}
