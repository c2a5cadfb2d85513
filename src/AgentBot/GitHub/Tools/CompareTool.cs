using System.Text;
using System.Text.Json;
using AgentBot.Runner.Tools;

namespace AgentBot.GitHub.Tools;

/// <summary>github.compare: how two branches, tags or commits differ, in commits and files.</summary>
internal sealed class CompareTool(GitHubToolContext target) : ITool
{
    private static readonly JsonElement Schema = JsonElement.Parse("""
        {
          "type": "object",
          "properties": {
            "base": { "type": "string", "description": "Branch, tag or commit sha to compare from, e.g. main" },
            "head": { "type": "string", "description": "Branch, tag or commit sha to compare to, e.g. agentbot/coder/12-add-health-check" }
          },
          "required": ["base", "head"],
          "additionalProperties": false
        }
        """);

    public string Name => "github.compare";

    public string Description =>
        "Compare two branches, tags or commits of this repository on GitHub (base...head): the status (ahead, behind, " +
        "diverged or identical), how many commits head is ahead and behind, head's commits since the merge base, and the " +
        "changed files with lines added and removed (no diffs: read the files with github.get_file). " +
        "GitHub lists at most 250 commits and 300 files.";

    public JsonElement InputSchema => Schema;

    public bool LeavesWorkspace => false;

    public ValueTask<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var args = new ToolArguments(arguments, "base", "head");
        var @base = args.RequiredText("base").Trim();
        var head = args.RequiredText("head").Trim();
        if (args.Error is { } argumentError)
        {
            return ValueTask.FromResult(ToolResult.Error(argumentError));
        }

        return GitHubToolCall.RunAsync(async () =>
        {
            var comparison = await target.Client.Git.CompareAsync(target.Owner, target.Repo, @base, head, cancellationToken);
            var output = new StringBuilder();
            output.Append($"{@base}...{head}: {comparison.Status}, head is {comparison.AheadBy} commit{(comparison.AheadBy == 1 ? string.Empty : "s")} ahead " +
                $"and {comparison.BehindBy} behind");
            output.Append(comparison.MergeBaseCommit is { } mergeBase ? $" (merge base {ToolText.ShortSha(mergeBase.Sha)}).\n" : ".\n");

            output.Append($"\nCommits ({comparison.TotalCommits}):\n");
            foreach (var commit in comparison.Commits)
            {
                var subject = commit.Commit.Message.Split('\n', 2)[0].TrimEnd();
                output.Append("  ").Append(ToolText.ShortSha(commit.Sha)).Append(' ').Append(subject).Append('\n');
            }

            if (comparison.TotalCommits > comparison.Commits.Count)
            {
                output.Append($"  … {comparison.TotalCommits - comparison.Commits.Count} more not listed by GitHub\n");
            }

            var files = comparison.Files ?? [];
            output.Append($"\nFiles ({files.Count}):\n");
            foreach (var file in files)
            {
                var renamed = file.PreviousFilename is { } previous ? $", from {previous}" : string.Empty;
                output.Append($"  {file.Filename} ({file.Status}{renamed}, +{file.Additions} -{file.Deletions})\n");
            }

            return new ToolResult(output.ToString());
        }, cancellationToken);
    }
}
