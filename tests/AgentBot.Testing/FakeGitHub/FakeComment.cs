namespace AgentBot.Testing.FakeGitHub;

/// <summary>An issue (or pull-request conversation) comment. <see cref="Edits"/> counts PATCHes, to assert "edited in place".</summary>
public sealed record FakeComment(
    long Id,
    string NodeId,
    int IssueNumber,
    string Body,
    FakeUser User,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public int Edits { get; init; }

    /// <summary>Set when the app posted it with an installation token: GitHub then names the app in performed_via_github_app.</summary>
    public bool ViaApp { get; init; }
}
