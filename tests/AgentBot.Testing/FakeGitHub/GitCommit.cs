namespace AgentBot.Testing.FakeGitHub;

public sealed record GitCommit(
    string Sha,
    string TreeSha,
    IReadOnlyList<string> Parents,
    string Message,
    GitSignature Author,
    GitSignature Committer);
