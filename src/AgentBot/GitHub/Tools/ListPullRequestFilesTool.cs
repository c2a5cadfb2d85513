using System.Text;
using System.Text.Json;
using AgentBot.GitHub.Models;
using AgentBot.Runner.Tools;

namespace AgentBot.GitHub.Tools;

/// <summary>github.list_pull_request_files: what a pull request changes, file by file, with each diff cut to a readable size.</summary>
internal sealed class ListPullRequestFilesTool(GitHubToolContext target) : ITool
{
    public const int DefaultLimit = 100;

    /// <summary>GitHub lists at most 3,000 files of a pull request.</summary>
    public const int MaxLimit = 3_000;

    /// <summary>A generated or vendored file's diff must not crowd out the rest.</summary>
    public const int MaxPatchLength = 6_000;

    /// <summary>All patches of one answer together; later files are then listed without theirs.</summary>
    public const int MaxTotalPatchLength = 100_000;

    private static readonly JsonElement Schema = JsonElement.Parse($$"""
        {
          "type": "object",
          "properties": {
            "number": { "type": "integer", "minimum": 1, "description": "Pull request number. Default: the pull request this run is about." },
            "include_patch": { "type": "boolean", "description": "Include each file's diff. Default true." },
            "limit": { "type": "integer", "minimum": 1, "maximum": {{MaxLimit}}, "description": "How many files to show. Default {{DefaultLimit}}." }
          },
          "additionalProperties": false
        }
        """);

    public string Name => "github.list_pull_request_files";

    public string Description =>
        "List the files a pull request of this repository changes: path, status (added, modified, removed, renamed …), " +
        "lines added and removed, and the diff (unified format, `@@ -old +new @@` hunks; a review comment may only target " +
        "lines inside these hunks). Without `number` it lists the pull request this run is about. " +
        $"Shows the first {DefaultLimit} files unless `limit` says otherwise and says how many more there are. " +
        $"Each diff is cut at {MaxPatchLength:N0} characters and all diffs together at {MaxTotalPatchLength:N0}; " +
        "set include_patch to false for just the list. GitHub gives no diff for binary or very large files.";

    public JsonElement InputSchema => Schema;

    public bool LeavesWorkspace => false;

    public ValueTask<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var args = new ToolArguments(arguments, "number", "include_patch", "limit");
        var given = args.OptionalInt("number", 1, int.MaxValue);
        var includePatch = args.OptionalBool("include_patch", true);
        var limit = args.OptionalInt("limit", 1, MaxLimit) ?? DefaultLimit;
        if (args.Error is { } argumentError)
        {
            return ValueTask.FromResult(ToolResult.Error(argumentError));
        }

        if (!target.TryPullRequestNumber(given, out var number, out var error))
        {
            return ValueTask.FromResult(ToolResult.Error(error));
        }

        return GitHubToolCall.RunAsync(async () =>
        {
            var shown = new List<PullRequestFile>();
            var total = 0;
            await foreach (var file in target.Client.PullRequests.ListFilesAsync(target.Owner, target.Repo, number, cancellationToken))
            {
                total++;
                if (shown.Count < limit)
                {
                    shown.Add(file);
                }
            }

            if (total == 0)
            {
                return new ToolResult($"Pull request #{number} changes no files.");
            }

            var output = new StringBuilder();
            output.Append($"{total} file{(total == 1 ? string.Empty : "s")} changed in pull request #{number}");
            output.Append(shown.Count < total
                ? $"; showing the first {shown.Count}, {total - shown.Count} more not shown (call again with a larger 'limit', at most {MaxLimit}).\n"
                : ".\n");
            var budget = MaxTotalPatchLength;
            var withoutPatch = 0;
            foreach (var file in shown)
            {
                output.Append('\n').Append(Header(file)).Append('\n');
                if (!includePatch)
                {
                    continue;
                }

                if (file.Patch is null)
                {
                    output.Append("(no diff from GitHub: binary or too large)\n");
                }
                else if (budget <= 0)
                {
                    withoutPatch++;
                    output.Append("(diff left out: this answer's diff budget is used up)\n");
                }
                else
                {
                    var patch = ToolText.Cut(file.Patch, Math.Min(MaxPatchLength, budget), "diff");
                    budget -= patch.Length;
                    ToolText.AppendFenced(output, patch, "diff");
                }
            }

            if (withoutPatch > 0)
            {
                output.Append($"\n{withoutPatch} diff{(withoutPatch == 1 ? " was" : "s were")} left out to keep this answer readable; " +
                    "read those files with github.get_file or in the workspace.\n");
            }

            return new ToolResult(output.ToString());
        }, cancellationToken);
    }

    private static string Header(PullRequestFile file)
    {
        var renamed = file.PreviousFilename is { } previous ? $", from {previous}" : string.Empty;
        return $"{file.Filename} ({file.Status}{renamed}, +{file.Additions} -{file.Deletions})";
    }
}
