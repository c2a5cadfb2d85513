using System.Text;
using AgentBot.GitHub.Http;
using AgentBot.GitHub.Models;

namespace AgentBot.Workflows.Review;

/// <summary>
/// The one review to post for a reviewer's answer, and what did not make it inline. Inline comments sit only on
/// lines the diff contains, because GitHub refuses the whole review (422) for a single unresolvable line.
/// </summary>
public sealed record ReviewPlan(
    CreateReviewRequest Request,
    string Verdict,
    int Inline,
    int Folded,
    int Duplicates,
    IReadOnlyList<string> Unreviewed)
{
    public const string FoldedHeading = "### Findings outside the diff";
    public const string UnreviewedHeading = "### Not reviewed";

    /// <summary>What was left out of the inline comments, for the run's log; empty when nothing was.</summary>
    public string Skipped
    {
        get
        {
            var parts = new List<string>();
            if (Folded > 0)
            {
                parts.Add($"{Folded} finding(s) not on a diff line, folded into the summary");
            }

            if (Duplicates > 0)
            {
                parts.Add($"{Duplicates} finding(s) already posted, not repeated");
            }

            if (Unreviewed.Count > 0)
            {
                parts.Add($"{Unreviewed.Count} file(s) without a patch not reviewed: {string.Join(", ", Unreviewed)}");
            }

            return string.Join("; ", parts);
        }
    }

    public static string Fingerprint(string? path, string body) => FindingMarker.Fingerprint(path, body);

    public static ReviewPlan Build(
        ReviewAnswer answer,
        IReadOnlyList<PullRequestFile> files,
        IReadOnlySet<string> alreadyPostedFingerprints,
        string runMarker)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(alreadyPostedFingerprints);
        ArgumentNullException.ThrowIfNull(runMarker);

        var diff = files.ToDictionary(f => f.Filename, f => DiffLines.Parse(f.Patch), StringComparer.Ordinal);
        var seen = new HashSet<string>(alreadyPostedFingerprints, StringComparer.Ordinal);
        var inline = new List<ReviewComment>();
        var folded = new List<(ReviewFinding Finding, string Path)>();
        var fingerprints = new List<string>();
        var duplicates = 0;
        foreach (var finding in answer.Comments)
        {
            var path = FindingMarker.NormalisePath(finding.Path);
            var fingerprint = FindingMarker.Fingerprint(path, finding.Body);
            // Also catches the model repeating itself within one answer.
            if (!seen.Add(fingerprint))
            {
                duplicates++;
                continue;
            }

            fingerprints.Add(fingerprint);
            var side = finding.Line is { } line && diff.TryGetValue(path, out var lines) ? DiffLines.SideFor(lines, line) : null;
            if (side is not null)
            {
                inline.Add(new ReviewComment(path, finding.Line!.Value, $"{finding.Body}\n\n{FindingMarker.Format(fingerprint)}", side));
            }
            else
            {
                folded.Add((finding, path));
            }
        }

        // A file GitHub shows no patch for was not seen by the reviewer; saying so keeps the review honest.
        var unreviewed = files.Where(f => f.Patch is null && f.Status != "removed").Select(f => f.Filename).ToList();
        // Part of the diff unseen means the review cannot be green, whatever the model said.
        var verdict = answer.Verdict == ReviewVerdicts.Approved && unreviewed.Count > 0 ? ReviewVerdicts.Commented : answer.Verdict;
        // Never APPROVE: an agent's approval must not count toward branch protection, and the bot may not approve its own pull request.
        var reviewEvent = verdict == ReviewVerdicts.ChangesRequested ? ReviewEvents.RequestChanges : ReviewEvents.Comment;

        var body = Body(answer, verdict, folded, unreviewed, duplicates, fingerprints, runMarker);
        return new ReviewPlan(new CreateReviewRequest(reviewEvent, body, null, inline), verdict, inline.Count, folded.Count, duplicates, unreviewed);
    }

    private static string Body(
        ReviewAnswer answer,
        string verdict,
        List<(ReviewFinding Finding, string Path)> folded,
        List<string> unreviewed,
        int duplicates,
        List<string> fingerprints,
        string runMarker)
    {
        var head = new StringBuilder();
        head.Append(string.IsNullOrWhiteSpace(answer.Summary) ? "AgentBot review." : answer.Summary.Trim());
        if (verdict == ReviewVerdicts.Approved)
        {
            // Posted as COMMENT, so the text has to say what the verdict was.
            head.Append("\n\nVerdict: approved (AgentBot does not submit approvals; a human's review decides).");
        }

        if (folded.Count > 0)
        {
            head.Append("\n\n").Append(FoldedHeading).Append('\n');
            foreach (var (finding, path) in folded)
            {
                var where = path.Length == 0 ? "General" : finding.Line is { } line ? $"`{path}:{line}`" : $"`{path}`";
                // Indent continuation lines so a multi-line finding stays inside its list item.
                head.Append("\n- ").Append(where).Append(": ").Append(finding.Body.Trim().Replace("\n", "\n  ", StringComparison.Ordinal));
            }
        }

        if (unreviewed.Count > 0)
        {
            head.Append("\n\n").Append(UnreviewedHeading).Append("\n\nGitHub shows no diff for these files (binary or too large):\n");
            foreach (var file in unreviewed)
            {
                head.Append("\n- `").Append(file).Append('`');
            }
        }

        if (duplicates > 0)
        {
            head.Append("\n\n_").Append(duplicates).Append(duplicates == 1 ? " finding was" : " findings were").Append(" already posted and not repeated._");
        }

        // The markers trail the text so GitHub's length limit cuts the prose, never the fingerprints the next push relies on.
        var trailer = new StringBuilder();
        foreach (var fingerprint in fingerprints)
        {
            trailer.Append("\n\n").Append(FindingMarker.Format(fingerprint));
        }

        trailer.Append("\n\n").Append(runMarker);
        return GitHubText.Limit(head.ToString(), GitHubText.MaxLength - trailer.Length) + trailer;
    }
}
