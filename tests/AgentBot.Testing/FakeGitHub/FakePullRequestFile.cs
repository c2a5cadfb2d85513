using AgentBot.Testing.FakeGitHub.GitData;

namespace AgentBot.Testing.FakeGitHub;

/// <summary>
/// One changed file of a pull request, as GET /pulls/{n}/files lists it. <see cref="Patch"/> is GitHub's hunk text
/// (no ---/+++ header; null for binary files), and also decides which lines a review comment may target.
/// </summary>
public sealed record FakePullRequestFile(string Filename, string Status, int Additions, int Deletions, string? Patch)
{
    public string? PreviousFilename { get; init; }

    /// <summary>The blob sha of the file's new content; a stable made-up one when seeded without an object store.</summary>
    public string? Sha { get; init; }

    /// <summary>A file whose additions and deletions are counted from <paramref name="patch"/>.</summary>
    public static FakePullRequestFile FromPatch(string filename, string patch, string status = "modified")
    {
        var (additions, deletions) = PatchLines.Count(patch);
        return new FakePullRequestFile(filename, status, additions, deletions, patch);
    }

    /// <summary>A new file with these lines, as GitHub shows it ("@@ -0,0 +1,N @@").</summary>
    public static FakePullRequestFile Added(string filename, string content)
    {
        var diff = LineDiff.Unified(string.Empty, content);
        return new FakePullRequestFile(filename, "added", diff.Additions, diff.Deletions, diff.Patch);
    }
}
