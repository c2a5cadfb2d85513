using AgentBot.GitHub.Models;
using AgentBot.Workflows.Review;

namespace AgentBot.Tests.Workflows.Review;

public sealed class ReviewPlanTests
{
    private const string Marker = "<!-- agentbot:run:r1 -->";

    // a.cs: line 1 context, old 2 removed, new 2 and 3 added, 4 context.
    private static readonly PullRequestFile A = new("src/a.cs", "modified", 2, 1, 3, Patch: "@@ -1,3 +1,4 @@\n one\n-two\n+TWO\n+three\n four");

    private static readonly PullRequestFile Image = new("logo.png", "added", 0, 0, 0, Patch: null);

    private static ReviewAnswer Answer(string verdict, params ReviewFinding[] comments) => new(verdict, "Summary.", comments);

    private static string Mark(string path, string body) => $"<!-- agentbot:finding:{ReviewPlan.Fingerprint(path, body)} -->";

    [Fact]
    public void Findings_on_diff_lines_go_inline_others_are_folded_and_a_removed_line_is_LEFT()
    {
        var plan = ReviewPlan.Build(
            Answer(ReviewVerdicts.Commented,
                new ReviewFinding("src/a.cs", 3, "Added line."),
                new ReviewFinding("./src/a.cs", 4, "Context line."),
                new ReviewFinding("src/a.cs", 40, "Far away."),
                new ReviewFinding("other.cs", 1, "Not in the pull request."),
                new ReviewFinding(null, null, "General.")),
            [A], new HashSet<string>(), Marker);

        Assert.Equal(ReviewEvents.Comment, plan.Request.Event);
        Assert.Equal(
            [
                new ReviewComment("src/a.cs", 3, $"Added line.\n\n{Mark("src/a.cs", "Added line.")}", "RIGHT"),
                new ReviewComment("src/a.cs", 4, $"Context line.\n\n{Mark("src/a.cs", "Context line.")}", "RIGHT"),
            ],
            plan.Request.Comments!);
        Assert.Equal((2, 3, 0), (plan.Inline, plan.Folded, plan.Duplicates));
        Assert.Equal(
            "Summary.\n\n### Findings outside the diff\n\n- `src/a.cs:40`: Far away.\n- `other.cs:1`: Not in the pull request.\n- General: General."
            + $"\n\n{Mark("src/a.cs", "Added line.")}\n\n{Mark("src/a.cs", "Context line.")}\n\n{Mark("src/a.cs", "Far away.")}"
            + $"\n\n{Mark("other.cs", "Not in the pull request.")}\n\n{Mark("", "General.")}\n\n{Marker}",
            plan.Request.Body);
        Assert.Equal("3 finding(s) not on a diff line, folded into the summary", plan.Skipped);

        // Old line 2 was removed; new line 2 exists too, so the new file wins. Only a line the new side lacks falls back to LEFT.
        var removed = ReviewPlan.Build(Answer(ReviewVerdicts.Commented, new ReviewFinding("src/a.cs", 2, "Why remove?")),
            [new PullRequestFile("src/b.cs", "modified", 0, 2, 2, Patch: "@@ -1,3 +1,1 @@\n keep\n-gone\n-also gone")], new HashSet<string>(), Marker);
        Assert.Equal((0, 1), (removed.Inline, removed.Folded));
        var left = ReviewPlan.Build(Answer(ReviewVerdicts.Commented, new ReviewFinding("src/b.cs", 3, "Why remove?")),
            [new PullRequestFile("src/b.cs", "modified", 0, 2, 2, Patch: "@@ -1,3 +1,1 @@\n keep\n-gone\n-also gone")], new HashSet<string>(), Marker);
        Assert.Equal("LEFT", Assert.Single(left.Request.Comments!).Side);
    }

    [Theory]
    [InlineData(ReviewVerdicts.Approved, ReviewEvents.Comment)]
    [InlineData(ReviewVerdicts.Commented, ReviewEvents.Comment)]
    [InlineData(ReviewVerdicts.ChangesRequested, ReviewEvents.RequestChanges)]
    public void Approve_is_never_sent(string verdict, string expected)
    {
        var plan = ReviewPlan.Build(Answer(verdict), [A], new HashSet<string>(), Marker);

        Assert.Equal(expected, plan.Request.Event);
        Assert.Equal(verdict, plan.Verdict);
        Assert.EndsWith(Marker, plan.Request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Findings_already_posted_or_repeated_in_one_answer_are_dropped_and_counted()
    {
        var posted = new HashSet<string> { ReviewPlan.Fingerprint("src/a.cs", "Old finding.") };

        var plan = ReviewPlan.Build(
            Answer(ReviewVerdicts.Commented,
                new ReviewFinding("src/a.cs", 3, "OLD   finding."),
                new ReviewFinding("src/a.cs", 2, "New finding."),
                new ReviewFinding("src/a.cs", 3, "new\nfinding.")),
            [A], posted, Marker);

        Assert.Equal((1, 0, 2), (plan.Inline, plan.Folded, plan.Duplicates));
        Assert.Contains("_2 findings were already posted and not repeated._", plan.Request.Body, StringComparison.Ordinal);
        Assert.Equal("2 finding(s) already posted, not repeated", plan.Skipped);
    }

    [Theory]
    [InlineData("src/a.cs", "Null  check\tmissing on line 12.", "./src/a.cs", "null check missing on line 12.", true)]
    [InlineData("src/a.cs", "Off by one at 12.", "src/a.cs", "Off by one at 13.", false)]
    [InlineData("src/a.cs", "Same text.", "src/b.cs", "Same text.", false)]
    public void Fingerprints_ignore_case_and_spacing_but_keep_digits_and_path(string path1, string body1, string path2, string body2, bool same)
    {
        var first = ReviewPlan.Fingerprint(path1, body1);

        Assert.Matches("^[0-9a-f]{16}$", first);
        Assert.Equal(same, first == ReviewPlan.Fingerprint(path2, body2));
    }

    [Fact]
    public void A_file_without_a_patch_is_named_as_not_reviewed_and_the_review_is_not_green()
    {
        var plan = ReviewPlan.Build(Answer(ReviewVerdicts.Approved, new ReviewFinding("logo.png", 1, "Large.")), [A, Image], new HashSet<string>(), Marker);

        Assert.Equal((ReviewVerdicts.Commented, ReviewEvents.Comment, 0, 1), (plan.Verdict, plan.Request.Event, plan.Inline, plan.Folded));
        Assert.Contains("### Not reviewed\n\nGitHub shows no diff for these files (binary or too large):\n\n- `logo.png`", plan.Request.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Verdict: approved", plan.Request.Body, StringComparison.Ordinal);
        Assert.Equal("1 finding(s) not on a diff line, folded into the summary; 1 file(s) without a patch not reviewed: logo.png", plan.Skipped);
    }

    [Fact]
    public void An_overlong_body_is_cut_before_the_markers()
    {
        var plan = ReviewPlan.Build(Answer(ReviewVerdicts.Commented, new ReviewFinding("src/a.cs", 99, new string('x', 70_000))), [A], new HashSet<string>(), Marker);

        Assert.True(plan.Request.Body!.Length <= 65_535, $"{plan.Request.Body.Length}");
        Assert.Contains("truncated by AgentBot", plan.Request.Body, StringComparison.Ordinal);
        Assert.EndsWith($"{Mark("src/a.cs", new string('x', 70_000))}\n\n{Marker}", plan.Request.Body, StringComparison.Ordinal);
    }
}
