using System.Text;

namespace AgentBot.Testing.FakeGitHub.GitData;

/// <summary>
/// GitHub's three-dot comparison: commits on head since the merge base, and the files changed from the merge base
/// to head (so changes made on base meanwhile do not show up as reverted).
/// </summary>
internal sealed record GitComparison(
    string Status,
    int AheadBy,
    int BehindBy,
    string MergeBase,
    IReadOnlyList<GitCommit> Commits,
    IReadOnlyList<FakePullRequestFile> Files)
{
    /// <summary>Null when the two histories share no commit.</summary>
    public static GitComparison? Compute(GitObjectStore git, string baseSha, string headSha)
    {
        if (git.MergeBase(baseSha, headSha) is not { } mergeBase)
        {
            return null;
        }

        var ahead = git.CommitsBetween(baseSha, headSha);
        var behind = git.CommitsBetween(headSha, baseSha);
        var status = (ahead.Count, behind.Count) switch
        {
            (0, 0) => "identical",
            (_, 0) => "ahead",
            (0, _) => "behind",
            _ => "diverged",
        };
        return new GitComparison(status, ahead.Count, behind.Count, mergeBase, ahead, ChangedFiles(git, git.Commit(mergeBase)!.TreeSha, git.Commit(headSha)!.TreeSha));
    }

    public static List<FakePullRequestFile> ChangedFiles(GitObjectStore git, string oldTree, string newTree)
    {
        var before = git.Flatten(oldTree);
        var after = git.Flatten(newTree);
        var files = new List<FakePullRequestFile>();
        foreach (var path in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var had = before.TryGetValue(path, out var old);
            var has = after.TryGetValue(path, out var now);
            if (had && has && old.Sha == now.Sha)
            {
                continue;
            }

            var oldText = had ? Text(git, old) : string.Empty;
            var newText = has ? Text(git, now) : string.Empty;
            var status = !had ? "added" : !has ? "removed" : "modified";
            var sha = has ? now.Sha : old.Sha;
            if (oldText is null || newText is null)
            {
                files.Add(new FakePullRequestFile(path, status, 0, 0, null) { Sha = sha });
                continue;
            }

            var diff = LineDiff.Unified(oldText, newText);
            files.Add(new FakePullRequestFile(path, status, diff.Additions, diff.Deletions, diff.Patch) { Sha = sha });
        }

        return files;
    }

    // Null for binary content (a NUL byte, as git guesses) and for submodules: GitHub sends no patch for those.
    private static string? Text(GitObjectStore git, GitFile file) =>
        git.Blob(file.Sha) is { } bytes && Array.IndexOf(bytes, (byte)0) < 0 ? Encoding.UTF8.GetString(bytes) : null;
}
