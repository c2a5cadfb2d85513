namespace AgentBot.Testing.FakeGitHub;

/// <summary>
/// The pull-request side of an issue number: branches, draft and merge state. Its title, body, author, state and
/// labels are on the <see cref="FakeIssue"/> of the same number. Changed files come from the object store
/// (base...head) unless the test seeded <see cref="SeededFiles"/>.
/// </summary>
public sealed record FakePullRequest(int Number, long Id, string NodeId, string HeadRef, string BaseRef, bool Draft)
{
    public bool Merged { get; init; }

    public IReadOnlyList<FakePullRequestFile>? SeededFiles { get; init; }

    /// <summary>Used as head.sha when the head branch is not in the object store.</summary>
    public string? SeededHeadSha { get; init; }
}
