namespace AgentBot.Testing.FakeGitHub.GitData;

/// <summary>A line diff in GitHub's patch form: hunks only, no ---/+++ header, no trailing newline.</summary>
internal sealed record TextDiff(int Additions, int Deletions, string Patch);
