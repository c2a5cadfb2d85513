using AgentBot.Runs;
using Microsoft.Extensions.Options;

namespace AgentBot.Jobs;

/// <summary>
/// Schedules queued runs that no job carries: a process that stopped between storing runs and scheduling them
/// leaves such runs behind, and they are picked up here on start and every minute.
/// </summary>
public sealed partial class UnscheduledRunsSweeper(RunStore runs, RunScheduler scheduler, IOptions<NodeOptions> node, TimeProvider time, ILogger<UnscheduledRunsSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!node.Value.IsWeb)
        {
            return;
        }

        var olderThan = TimeSpan.Zero; // at start, anything unscheduled is left over
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var ids = await runs.UnscheduledAsync(olderThan, stoppingToken);
                if (ids.Count > 0)
                {
                    await scheduler.ScheduleAsync(ids, TimeSpan.Zero, stoppingToken);
                    Log.Scheduled(logger, ids.Count);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.Failed(logger, ex.Message);
            }

            // Later sweeps leave alone what a handler is about to schedule itself.
            olderThan = TimeSpan.FromSeconds(30);
            await Task.Delay(TimeSpan.FromMinutes(1), time, stoppingToken);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Scheduled {Count} queued runs that had no job")]
        public static partial void Scheduled(ILogger logger, int count);

        [LoggerMessage(2, LogLevel.Warning, "Sweeping unscheduled runs failed: {Error}")]
        public static partial void Failed(ILogger logger, string error);
    }
}
