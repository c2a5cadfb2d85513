namespace AgentBot.Testing.FakeGitHub;

/// <summary>
/// An issue, or the issue side of a pull request (as on GitHub, every pull request is an issue and they share one
/// number space): title, body, author, state and labels live here; <see cref="FakePullRequest"/> holds the rest.
/// </summary>
public sealed record FakeIssue(
    int Number,
    long Id,
    string NodeId,
    string Title,
    string Body,
    FakeUser User,
    string State,
    IReadOnlyList<string> Labels,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public bool IsPullRequest { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }
}
