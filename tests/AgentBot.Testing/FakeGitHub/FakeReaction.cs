namespace AgentBot.Testing.FakeGitHub;

/// <summary>A reaction on an issue (<see cref="IssueNumber"/>) or on an issue comment (<see cref="CommentId"/>).</summary>
public sealed record FakeReaction(
    long Id,
    string NodeId,
    string Content,
    FakeUser User,
    DateTimeOffset CreatedAt,
    int? IssueNumber,
    long? CommentId);
