using System.Text.Json.Nodes;

namespace AgentBot.Runner.Trail;

/// <summary>One step of a run's trail (design section 5). Data is redacted before it reaches a sink.</summary>
public sealed record TrailEvent(string Type, DateTimeOffset At, JsonObject Data);

/// <summary>The event types of design section 5.</summary>
public static class TrailEventTypes
{
    public const string Queued = "run.queued";
    public const string Started = "run.started";
    public const string ModelCall = "model.call";
    public const string ToolCall = "tool.call";
    public const string FileChanged = "file.changed";
    public const string CostMilestone = "cost.milestone";
    public const string ApprovalRequested = "approval.requested";
    public const string ApprovalGranted = "approval.granted";
    public const string ApprovalDenied = "approval.denied";
    public const string Completed = "run.completed";
    public const string Failed = "run.failed";
}

/// <summary>Where a run's events go: the database and the terminal in AgentBot, a list in tests.</summary>
public interface ITrailSink
{
    ValueTask WriteAsync(TrailEvent trailEvent, CancellationToken cancellationToken);
}
