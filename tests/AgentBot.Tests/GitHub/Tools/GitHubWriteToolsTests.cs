using System.Text.Json.Nodes;
using AgentBot.Runner.Tools;
using AgentBot.Testing.FakeGitHub;
using static AgentBot.Tests.GitHub.Tools.GitHubToolsKit;

namespace AgentBot.Tests.GitHub.Tools;

/// <summary>The six write tools: the exact requests GitHub receives, the run marker on everything written, never an approval, and GitHub's refusals as error results.</summary>
public sealed class GitHubWriteToolsTests : IAsyncLifetime
{
    private GitHubHarness _h = null!;

    public async ValueTask InitializeAsync() => _h = await GitHubHarness.StartAsync();

    public async ValueTask DisposeAsync()
    {
        Assert.Empty(_h.GitHub.UnhandledRequests);
        await _h.DisposeAsync();
    }

    private IReadOnlyList<ITool> Tools(int? number = 12, bool isPullRequest = false) =>
        GitHubToolsKit.Tools(_h, number, isPullRequest);

    private List<string> ApiCalls() => GitHubToolsKit.ApiCalls(_h);

    [Fact]
    public async Task Comment_posts_on_the_runs_issue_with_the_run_marker()
    {
        _h.Repo.AddIssue(12, "t");
        _h.Repo.AddIssue(14, "u");
        var tools = Tools();

        var own = await CallAsync(tools, "github.comment", """{"body": "Working on it.\n"}""");
        var other = await CallAsync(tools, "github.comment", """{"body": "See #12.", "number": 14}""");

        GitHubHarness.AssertJson($$"""{"body":"Working on it.\n\n{{Marker}}"}""", _h.Single("POST", "/repos/octo/hello/issues/12/comments").Body);
        GitHubHarness.AssertJson($$"""{"body":"See #12.\n\n{{Marker}}"}""", _h.Single("POST", "/repos/octo/hello/issues/14/comments").Body);
        var stored = Assert.Single(_h.Repo.CommentsOn(12));
        Assert.Equal(("agentbot[bot]", $"Working on it.\n\n{Marker}"), (stored.User.Login, stored.Body));
        Assert.Equal((false, $"Commented on #12: https://github.com/octo/hello/issues/12#issuecomment-{stored.Id} (comment {stored.Id})"), (own.IsError, own.Content));
        Assert.StartsWith("Commented on #14: ", other.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_comment_longer_than_GitHub_takes_is_cut_before_the_marker_so_the_marker_stays()
    {
        _h.Repo.AddIssue(12, "t");

        var result = await CallAsync(Tools(), "github.comment", new JsonObject { ["body"] = new string('z', 80_000) }.ToJsonString());

        Assert.False(result.IsError);
        var body = Assert.Single(_h.Repo.CommentsOn(12)).Body;
        Assert.True(body.Length <= 65_535, $"{body.Length}");
        Assert.EndsWith($"\n\n{Marker}", body, StringComparison.Ordinal);
        Assert.Contains("truncated by AgentBot", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_already_ending_with_the_marker_gets_it_once()
    {
        _h.Repo.AddIssue(12, "t");

        await CallAsync(Tools(), "github.comment", $$"""{"body": "Done.\n{{Marker}}\n"}""");

        Assert.Equal($"Done.\n\n{Marker}", Assert.Single(_h.Repo.CommentsOn(12)).Body);
    }

    [Fact]
    public async Task Add_labels_sends_them_and_answers_the_labels_the_issue_now_has()
    {
        _h.Repo.AddIssue(12, "t", labels: ["bug"]);
        var tools = Tools();

        var result = await CallAsync(tools, "github.add_labels", """{"labels": ["skill:csharp", "needs-review", "skill:csharp"]}""");
        // Models send one string for a one-item list, or the list encoded as a string; both mean what they say.
        var one = await CallAsync(tools, "github.add_labels", """{"labels": "triaged"}""");
        var encoded = await CallAsync(tools, "github.add_labels", """{"labels": "[\"wontfix\"]"}""");

        var posts = _h.GitHub.RequestsTo("POST", "/repos/octo/hello/issues/12/labels");
        GitHubHarness.AssertJson("""{"labels":["skill:csharp","needs-review"]}""", posts[0].Body);
        GitHubHarness.AssertJson("""{"labels":["triaged"]}""", posts[1].Body);
        GitHubHarness.AssertJson("""{"labels":["wontfix"]}""", posts[2].Body);
        Assert.Equal((false, "Added skill:csharp, needs-review to #12. Its labels now: bug, skill:csharp, needs-review"), (result.IsError, result.Content));
        Assert.False(one.IsError || encoded.IsError);
        Assert.Equal(["bug", "needs-review", "skill:csharp", "triaged", "wontfix"], _h.Repo.Issue(12).Labels.Order());
    }

    [Fact]
    public async Task Remove_labels_removes_those_present_and_reports_the_rest()
    {
        _h.Repo.AddIssue(12, "t", labels: ["bug", "agent:coder", "skill:csharp"]);

        var result = await CallAsync(Tools(), "github.remove_labels", """{"labels": ["Agent:Coder", "never-there"]}""");

        Assert.Equal(
            (false, "Removed agent:coder from #12. Not on #12, so nothing to remove: never-there. Its labels now: bug, skill:csharp"),
            (result.IsError, result.Content));
        Assert.Equal(["GET /repos/octo/hello/issues/12", "DELETE /repos/octo/hello/issues/12/labels/agent:coder"], ApiCalls());
        Assert.Equal(["bug", "skill:csharp"], _h.Repo.Issue(12).Labels);
    }

    [Fact]
    public async Task Remove_labels_on_a_missing_issue_is_an_error_not_a_silent_success()
    {
        var result = await CallAsync(Tools(), "github.remove_labels", """{"labels": ["bug"], "number": 77}""");

        Assert.True(result.IsError);
        Assert.StartsWith("GitHub answered 404 to GET /repos/octo/hello/issues/77: Not Found.", result.Content, StringComparison.Ordinal);
        Assert.Empty(_h.GitHub.RequestsTo("DELETE", "/repos/octo/hello/issues/77/labels/bug"));
    }

    [Fact]
    public async Task Create_issue_opens_one_with_the_run_marker_and_labels()
    {
        _h.Repo.AddIssue(12, "t");

        var result = await CallAsync(Tools(), "github.create_issue",
            """{"title": " Flaky test in CI ", "body": "Seen while fixing #12.", "labels": ["bug"]}""");

        GitHubHarness.AssertJson($$"""{"title":"Flaky test in CI","body":"Seen while fixing #12.\n\n{{Marker}}","labels":["bug"]}""",
            _h.Single("POST", "/repos/octo/hello/issues").Body);
        var created = _h.Repo.Issue(13);
        Assert.Equal(("Flaky test in CI", $"Seen while fixing #12.\n\n{Marker}", "agentbot[bot]"), (created.Title, created.Body, created.User.Login));
        Assert.Equal((false, "Created issue #13 with labels bug: https://github.com/octo/hello/issues/13"), (result.IsError, result.Content));
    }

    [Fact]
    public async Task Create_review_posts_one_review_with_inline_comments_all_marked()
    {
        _h.Repo.AddPullRequest(30, "Change", "", "alice", "feature", "main",
            [FakePullRequestFile.FromPatch("src/a.cs", "@@ -1,2 +1,3 @@\n a\n+b\n c")]);

        var result = await CallAsync(Tools(30, isPullRequest: true), "github.create_review", """
            {"event": "request_changes", "body": "One problem.", "comments": [{"path": "src/a.cs", "line": "2", "body": "Null check missing."}, {"path": "src/a.cs", "line": 1, "side": "left", "body": "Why?"}]}
            """);

        GitHubHarness.AssertJson(
            $$"""{"event":"REQUEST_CHANGES","body":"One problem.\n\n{{Marker}}","comments":[{"path":"src/a.cs","line":2,"body":"Null check missing.\n\n{{Marker}}","side":"RIGHT"},{"path":"src/a.cs","line":1,"body":"Why?\n\n{{Marker}}","side":"LEFT"}]}""",
            _h.Single("POST", "/repos/octo/hello/pulls/30/reviews").Body);
        var review = Assert.Single(_h.Repo.Reviews);
        Assert.Equal("CHANGES_REQUESTED", review.State);
        Assert.Equal(2, _h.Repo.ReviewComments.Count);
        Assert.Equal((false, $"Submitted a review (CHANGES_REQUESTED) with 2 inline comments on pull request #30: https://github.com/octo/hello/pull/30#pullrequestreview-{review.Id}"),
            (result.IsError, result.Content));
    }

    [Theory]
    [InlineData("APPROVE")]
    [InlineData("approve")]
    [InlineData("Approved")]
    public async Task Create_review_refuses_to_approve_without_sending_a_request(string reviewEvent)
    {
        _h.Repo.AddPullRequest(30, "Change", "", "alice", "feature", "main", [FakePullRequestFile.FromPatch("src/a.cs", "@@ -1 +1 @@\n-a\n+b")]);

        var result = await CallAsync(Tools(30, isPullRequest: true), "github.create_review", $$"""{"event": "{{reviewEvent}}", "body": "LGTM"}""");

        Assert.True(result.IsError);
        Assert.StartsWith("APPROVE is refused: AgentBot never approves a pull request", result.Content, StringComparison.Ordinal);
        Assert.Empty(ApiCalls());
        Assert.Empty(_h.Repo.Reviews);
    }

    [Fact]
    public async Task A_422_becomes_an_error_result_with_GitHubs_message_and_errors()
    {
        _h.Repo.AddPullRequest(31, "Change", "", "alice", "feature", "main", [FakePullRequestFile.FromPatch("src/a.cs", "@@ -1 +1 @@\n-a\n+b")]);

        var result = await CallAsync(Tools(31, isPullRequest: true), "github.create_review",
            """{"event": "COMMENT", "body": "x", "comments": [{"path": "src/a.cs", "line": 40, "body": "?"}]}""");

        Assert.Equal(
            (true, "GitHub answered 422 to POST /repos/octo/hello/pulls/31/reviews: Unprocessable Entity (Line could not be resolved). GitHub found the request invalid; fix it and try again."),
            (result.IsError, result.Content));
        Assert.Empty(_h.Repo.Reviews);
    }

    [Fact]
    public async Task Create_pull_request_opens_a_draft_into_the_default_branch_with_the_run_marker()
    {
        _h.Repo.CommitFiles("main", "seed", new Dictionary<string, string> { ["a"] = "1" });
        _h.Repo.CommitFiles("agentbot/coder/12-x", "change", new Dictionary<string, string> { ["a"] = "2" });

        var result = await CallAsync(Tools(), "github.create_pull_request", """{"title": "Add x", "head": "agentbot/coder/12-x", "body": "Closes #12"}""");

        Assert.Equal(["GET /repos/octo/hello", "POST /repos/octo/hello/pulls"], ApiCalls());
        GitHubHarness.AssertJson($$"""{"title":"Add x","head":"agentbot/coder/12-x","base":"main","body":"Closes #12\n\n{{Marker}}","draft":true}""",
            _h.Single("POST", "/repos/octo/hello/pulls").Body);
        var pull = Assert.Single(_h.Repo.PullRequests);
        Assert.True(pull.Draft);
        Assert.Equal((false, $"Opened draft pull request #{pull.Number} (agentbot/coder/12-x into main): https://github.com/octo/hello/pull/{pull.Number}"),
            (result.IsError, result.Content));
    }

    [Fact]
    public async Task Create_pull_request_with_base_and_draft_false_and_GitHubs_refusal_as_an_error()
    {
        _h.Repo.CommitFiles("main", "seed", new Dictionary<string, string> { ["a"] = "1" });
        _h.Repo.CreateBranch("release");
        _h.Repo.CommitFiles("feature", "change", new Dictionary<string, string> { ["a"] = "2" });
        var tools = Tools();

        var opened = await CallAsync(tools, "github.create_pull_request", """{"title": "F", "head": "feature", "base": "release", "body": "", "draft": false}""");
        var empty = await CallAsync(tools, "github.create_pull_request", """{"title": "Nothing", "head": "release", "base": "main", "body": "b"}""");

        GitHubHarness.AssertJson($$"""{"title":"F","head":"feature","base":"release","body":"{{Marker}}","draft":false}""",
            _h.GitHub.RequestsTo("POST", "/repos/octo/hello/pulls")[0].Body);
        Assert.StartsWith("Opened pull request #1 (feature into release)", opened.Content, StringComparison.Ordinal);
        Assert.Equal(
            (true, "GitHub answered 422 to POST /repos/octo/hello/pulls: Validation Failed (No commits between main and release). GitHub found the request invalid; fix it and try again."),
            (empty.IsError, empty.Content));
        Assert.DoesNotContain(ApiCalls(), c => c == "GET /repos/octo/hello");
    }
}
