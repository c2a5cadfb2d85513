using AgentBot.Runner.Trail;

namespace AgentBot.Runs;

/// <summary>Writes a run's engine events into its append-only trail in the database.</summary>
public sealed class RunTrailSink(RunStore runs, long runId) : ITrailSink
{
    public async ValueTask WriteAsync(TrailEvent trailEvent, CancellationToken cancellationToken) =>
        await runs.AppendAsync(runId, trailEvent.Type, trailEvent.Data.ToJsonString(), cancellationToken);
}
