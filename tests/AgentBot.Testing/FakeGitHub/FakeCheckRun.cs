namespace AgentBot.Testing.FakeGitHub;

/// <summary>
/// A check run as it stands after every create and update: annotations accumulate across requests, as on GitHub;
/// <see cref="Updates"/> counts PATCHes, to assert that updates were coalesced.
/// </summary>
public sealed record FakeCheckRun(
    long Id,
    string NodeId,
    string Name,
    string HeadSha,
    string Status,
    string? Conclusion,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    string? ExternalId,
    string? DetailsUrl,
    FakeCheckRunOutput? Output,
    IReadOnlyList<FakeAnnotation> Annotations,
    IReadOnlyList<FakeCheckRunAction> Actions)
{
    public int Updates { get; init; }
}
