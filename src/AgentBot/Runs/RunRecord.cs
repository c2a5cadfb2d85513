namespace AgentBot.Runs;

/// <summary>One agent run as stored: where, who, why (the routing decision), and how it went.</summary>
public sealed record RunRecord(
    long Id,
    string? DeliveryId,
    string Repository,
    long? InstallationId,
    int? Number,
    bool IsPullRequest,
    string Agent,
    string DefinitionHash,
    string Trigger,
    string Decision,
    string State,
    int Attempts,
    int MaxAttempts,
    string? Node,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    string? Conclusion,
    string? Error,
    string? Outputs);

public static class RunStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Blocked = "blocked";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}

/// <summary>A run to create: the routing decision's planned run, with where it happens.</summary>
public sealed record NewRun(string Repository, long? InstallationId, int? Number, bool IsPullRequest, string Agent, string DefinitionHash, string Trigger, int MaxAttempts);

/// <summary>One trail event (design section 5).</summary>
public sealed record RunEvent(long Id, long RunId, DateTimeOffset At, string Type, string Data);
