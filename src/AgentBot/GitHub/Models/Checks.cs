namespace AgentBot.GitHub.Models;

public static class CheckStatuses
{
    public const string Queued = "queued";
    public const string InProgress = "in_progress";
    public const string Completed = "completed";
}

public static class CheckConclusions
{
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Neutral = "neutral";
    public const string Cancelled = "cancelled";
    public const string ActionRequired = "action_required";
    public const string TimedOut = "timed_out";
    public const string Skipped = "skipped";
}

/// <summary>Create or update a check run; null fields are not sent, so an update changes only what it names.</summary>
public sealed record CheckRunRequest(
    string? Name = null,
    string? HeadSha = null,
    string? Status = null,
    string? Conclusion = null,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? CompletedAt = null,
    string? ExternalId = null,
    string? DetailsUrl = null,
    CheckRunOutput? Output = null,
    IReadOnlyList<CheckRunAction>? Actions = null);

public sealed record CheckRunOutput(string Title, string Summary, string? Text = null, IReadOnlyList<CheckAnnotation>? Annotations = null);

public static class AnnotationLevels
{
    public const string Notice = "notice";
    public const string Warning = "warning";
    public const string Failure = "failure";
}

public sealed record CheckAnnotation(
    string Path,
    int StartLine,
    int EndLine,
    string AnnotationLevel,
    string Message,
    string? Title = null,
    int? StartColumn = null,
    int? EndColumn = null,
    string? RawDetails = null);

/// <summary>A button on the check run (at most 3; label ≤ 20, description ≤ 40, identifier ≤ 20 characters).</summary>
public sealed record CheckRunAction(string Label, string Description, string Identifier);

public sealed record CheckRun(
    long Id,
    string Name,
    string HeadSha,
    string Status,
    string? Conclusion,
    string? HtmlUrl,
    string? ExternalId,
    string? DetailsUrl,
    CheckRunOutputInfo? Output);

public sealed record CheckRunOutputInfo(string? Title, string? Summary, string? Text, int AnnotationsCount);
