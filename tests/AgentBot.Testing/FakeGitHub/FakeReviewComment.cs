namespace AgentBot.Testing.FakeGitHub;

/// <summary>An inline comment of a review, on <see cref="Line"/> of <see cref="Side"/> (LEFT: old lines, RIGHT: new lines).</summary>
public sealed record FakeReviewComment(
    long Id,
    string NodeId,
    long ReviewId,
    int PullNumber,
    string Path,
    int Line,
    string Side,
    string Body,
    FakeUser User,
    string CommitId,
    DateTimeOffset CreatedAt)
{
    public int? StartLine { get; init; }

    public string? StartSide { get; init; }
}
