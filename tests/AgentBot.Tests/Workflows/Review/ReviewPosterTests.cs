using AgentBot.Testing.FakeGitHub;
using AgentBot.Tests.GitHub;
using AgentBot.Workflows.Review;

namespace AgentBot.Tests.Workflows.Review;

/// <summary>Against the fake GitHub, which refuses (422) any inline comment on a line the pull request's diff lacks.</summary>
public sealed class ReviewPosterTests : IAsyncLifetime
{
    private const string Marker = "<!-- agentbot:run:r1 -->";

    private GitHubHarness _h = null!;

    public async ValueTask InitializeAsync()
    {
        _h = await GitHubHarness.StartAsync();
        _h.Repo.AddPullRequest(7, "Change", "", "alice", "feature", "main",
        [
            FakePullRequestFile.FromPatch("src/a.cs", "@@ -1,3 +1,4 @@\n one\n-two\n+TWO\n+three\n four"),
            FakePullRequestFile.FromPatch("src/b.cs", "@@ -1,3 +1,1 @@\n keep\n-gone\n-also gone"),
            FakePullRequestFile.FromPatch("src/c.cs", "@@ -0,0 +1,2 @@\n+x\n+y\n\\ No newline at end of file"),
            new FakePullRequestFile("logo.png", "added", 0, 0, null),
        ]);
    }

    public async ValueTask DisposeAsync()
    {
        Assert.Empty(_h.GitHub.UnhandledRequests);
        await _h.DisposeAsync();
    }

    private static ReviewAnswer Answer(string verdict) => ReviewAnswer.Parse($$"""
        ```json
        {"verdict": "{{verdict}}", "summary": "Mostly fine.", "comments": [
          {"path": "src/a.cs", "line": 3, "body": "Name this better."},
          {"path": "src/a.cs", "line": 1, "body": "Context line remark."},
          {"path": "src/b.cs", "line": 3, "body": "Was this removal intended?"},
          {"path": "src/c.cs", "line": 2, "body": "Add a trailing newline."},
          {"path": "src/a.cs", "line": 30, "body": "Beyond the diff."},
          {"path": "docs/none.md", "line": 1, "body": "Not a changed file."}
        ]}
        ```
        """);

    private Task<ReviewPosting> PostAsync(ReviewAnswer answer) =>
        ReviewPoster.PostAsync(_h.Client, "octo", "hello", 7, answer, Marker, TestContext.Current.CancellationToken);

    [Fact]
    public async Task One_review_whose_inline_comments_GitHub_all_accepts()
    {
        var posting = await PostAsync(Answer("approved"));

        var review = Assert.Single(_h.Repo.Reviews);
        Assert.Equal(("COMMENTED", "agentbot[bot]"), (review.State, review.User.Login));
        Assert.Equal((review.Id, "COMMENT", ReviewVerdicts.Commented, 4, 2, 0), (posting.ReviewId, posting.Event, posting.Verdict, posting.Inline, posting.Folded, posting.Duplicates));
        Assert.Equal(
            ["src/a.cs:3:RIGHT", "src/a.cs:1:RIGHT", "src/b.cs:3:LEFT", "src/c.cs:2:RIGHT"],
            review.Comments.Select(c => $"{c.Path}:{c.Line}:{c.Side}"));
        Assert.All(review.Comments, c => Assert.Matches(@"\n\n<!-- agentbot:finding:[0-9a-f]{16} -->$", c.Body));
        Assert.Contains("- `src/a.cs:30`: Beyond the diff.\n- `docs/none.md:1`: Not a changed file.", review.Body, StringComparison.Ordinal);
        // logo.png has no patch, so the approval is downgraded and the gap named.
        Assert.Contains("- `logo.png`", review.Body, StringComparison.Ordinal);
        Assert.EndsWith(Marker, review.Body, StringComparison.Ordinal);
        Assert.Equal(6, FindingMarker.Extract(review.Body).Count());
        Assert.Equal(["GET /repos/octo/hello/pulls/7", "GET /repos/octo/hello/pulls/7/files", "GET /repos/octo/hello/pulls/7/reviews", "GET /repos/octo/hello/pulls/7/comments", "POST /repos/octo/hello/pulls/7/reviews"],
            ApiCalls());
        // Pinned to the head the files were read at.
        Assert.Equal(review.CommitId, _h.Single("POST", "/repos/octo/hello/pulls/7/reviews").Json()!["commit_id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("approved", "COMMENT", "COMMENTED")]
    [InlineData("commented", "COMMENT", "COMMENTED")]
    [InlineData("changes_requested", "REQUEST_CHANGES", "CHANGES_REQUESTED")]
    public async Task Approve_is_never_sent(string verdict, string expectedEvent, string expectedState)
    {
        await PostAsync(Answer(verdict));

        Assert.DoesNotContain("APPROVE\"", _h.Single("POST", "/repos/octo/hello/pulls/7/reviews").Body, StringComparison.Ordinal);
        Assert.Contains($"\"event\":\"{expectedEvent}\"", _h.Single("POST", "/repos/octo/hello/pulls/7/reviews").Body, StringComparison.Ordinal);
        Assert.Equal(expectedState, Assert.Single(_h.Repo.Reviews).State);
    }

    [Fact]
    public async Task A_second_posting_with_the_same_findings_repeats_none()
    {
        await PostAsync(Answer("changes_requested"));
        var second = await PostAsync(ReviewAnswer.Parse("""
            {"verdict": "changes_requested", "summary": "Still two things.", "comments": [
              {"path": "src/a.cs", "line": 4, "body": "name this  BETTER."},
              {"path": "src/a.cs", "line": 30, "body": "Beyond the diff."},
              {"path": "src/a.cs", "line": 2, "body": "A new finding."}
            ]}
            """));

        Assert.Equal((1, 0, 2), (second.Inline, second.Folded, second.Duplicates));
        Assert.Equal(2, _h.Repo.Reviews.Count);
        var latest = _h.Repo.Reviews[1];
        var comment = Assert.Single(latest.Comments);
        Assert.StartsWith("A new finding.", comment.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Findings outside the diff", latest.Body, StringComparison.Ordinal);
        Assert.Contains("_2 findings were already posted and not repeated._", latest.Body, StringComparison.Ordinal);
    }

    private List<string> ApiCalls() =>
        [.. _h.GitHub.Requests.Where(r => !r.Path.StartsWith("/app/", StringComparison.Ordinal)).Select(r => $"{r.Method} {r.Path}")];
}
