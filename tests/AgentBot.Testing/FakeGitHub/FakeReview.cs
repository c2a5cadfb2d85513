namespace AgentBot.Testing.FakeGitHub;

/// <summary>A pull-request review. State is APPROVED, CHANGES_REQUESTED, COMMENTED or PENDING (no event sent).</summary>
public sealed record FakeReview(
    long Id,
    string NodeId,
    int PullNumber,
    FakeUser User,
    string Body,
    string State,
    string CommitId,
    DateTimeOffset? SubmittedAt,
    IReadOnlyList<FakeReviewComment> Comments);
