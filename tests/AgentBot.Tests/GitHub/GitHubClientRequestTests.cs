using AgentBot.GitHub.Models;

namespace AgentBot.Tests.GitHub;

/// <summary>Every call the client makes: the exact request GitHub receives, and the answer read back.</summary>
public sealed class GitHubClientRequestTests : IAsyncLifetime
{
    private GitHubHarness _h = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _h = await GitHubHarness.StartAsync();

    // GitHub refuses check runs on commits it does not know.
    private string Head() => _h.Repo.Head("main") ?? _h.Repo.CommitFiles("main", "seed", new Dictionary<string, string> { ["README.md"] = "hi\n" });

    public async ValueTask DisposeAsync()
    {
        Assert.Empty(_h.GitHub.UnhandledRequests);
        await _h.DisposeAsync();
    }

    [Fact]
    public async Task Sends_GitHubs_headers_and_an_installation_token_fetched_with_the_app_jwt()
    {
        var repo = await _h.Client.Repositories.GetAsync("octo", "hello", Ct);

        Assert.Equal(("octo/hello", "main", false), (repo.FullName, repo.DefaultBranch, repo.Private));
        Assert.EndsWith("/octo/hello.git", repo.CloneUrl, StringComparison.Ordinal);
        var exchange = _h.Single("POST", "/app/installations/1/access_tokens");
        Assert.StartsWith("Bearer eyJ", exchange.Header("Authorization"), StringComparison.Ordinal);
        var get = _h.Single("GET", "/repos/octo/hello");
        Assert.Equal("", get.Query);
        Assert.StartsWith("Bearer ghs_", get.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal("application/vnd.github+json", get.Header("Accept"));
        Assert.Equal("2022-11-28", get.Header("X-GitHub-Api-Version"));
        Assert.StartsWith("AgentBot/", get.Header("User-Agent"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_a_file_and_a_directory_through_the_contents_api()
    {
        _h.Repo.CommitFiles("main", "seed", new Dictionary<string, string>
        {
            ["agents/coder.yml"] = "name: coder\nmodel: openai/gpt-4.1\n" + new string('#', 200) + "\n",
            ["agents/reviewer.yml"] = "name: reviewer\n",
        });
        _h.Repo.CommitFiles("feature/x", "change", new Dictionary<string, string> { ["agents/coder.yml"] = "changed\n" });

        var file = await _h.Client.Repositories.GetFileAsync("octo", "hello", "agents/coder.yml", cancellationToken: Ct);
        var onBranch = await _h.Client.Repositories.GetFileAsync("octo", "hello", "agents/coder.yml", "feature/x", Ct);
        var listing = await _h.Client.Repositories.ListDirectoryAsync("octo", "hello", "agents", cancellationToken: Ct);

        Assert.StartsWith("name: coder\nmodel: openai/gpt-4.1\n###", file.Text, StringComparison.Ordinal);
        Assert.Equal("changed\n", onBranch.Text);
        Assert.Equal(["agents/coder.yml", "agents/reviewer.yml"], listing.Select(i => i.Path).Order());
        Assert.Equal("?ref=feature%2Fx", _h.GitHub.RequestsTo("GET", "/repos/octo/hello/contents/agents/coder.yml")[1].Query);
    }

    [Fact]
    public async Task Reads_a_recursive_tree_and_its_blobs()
    {
        var head = _h.Repo.CommitFiles("main", "seed", new Dictionary<string, string> { ["a.txt"] = "A", ["dir/b.txt"] = "B" });
        var commit = _h.Repo.Commit(head)!;

        var tree = await _h.Client.Git.GetTreeAsync("octo", "hello", commit.TreeSha, cancellationToken: Ct);
        var blob = tree.Tree.Single(e => e.Path == "dir/b.txt");
        var bytes = await _h.Client.Git.GetBlobAsync("octo", "hello", blob.Sha!, Ct);

        Assert.Equal(["a.txt", "dir", "dir/b.txt"], tree.Tree.Select(e => e.Path).Order());
        Assert.Equal("?recursive=1", _h.Single("GET", $"/repos/octo/hello/git/trees/{commit.TreeSha}").Query);
        Assert.Equal("B"u8.ToArray(), bytes);
    }

    [Fact]
    public async Task Writes_a_branch_without_a_clone()
    {
        var main = _h.Repo.CommitFiles("main", "seed", new Dictionary<string, string> { ["README.md"] = "hi\n", ["old.txt"] = "bye\n" });
        var mainCommit = _h.Repo.Commit(main)!;
        var git = _h.Client.Git;

        var blob = await git.CreateBlobAsync("octo", "hello", "binary\0data"u8.ToArray(), Ct);
        var tree = await git.CreateTreeAsync("octo", "hello", mainCommit.TreeSha,
            [NewTreeEntry.File("src/app.cs", "class App {}\n"), new NewTreeEntry("data.bin", Sha: blob.Sha), NewTreeEntry.Delete("old.txt")], Ct);
        var commit = await git.CreateCommitAsync("octo", "hello",
            new CreateCommitRequest("Add app\n\nAgentBot-Run: 7", tree.Sha, [main], new GitSignature("AgentBot", "bot@example.com")), Ct);
        var created = await git.CreateReferenceAsync("octo", "hello", "heads/agentbot/coder/12-add-app", commit.Sha, Ct);
        var fetched = await git.GetReferenceAsync("octo", "hello", "heads/agentbot/coder/12-add-app", Ct);
        var missing = await git.GetReferenceAsync("octo", "hello", "heads/nope", Ct);

        GitHubHarness.AssertJson("""{"content":"YmluYXJ5AGRhdGE=","encoding":"base64"}""", _h.Single("POST", "/repos/octo/hello/git/blobs").Body);
        GitHubHarness.AssertJson(
            $$"""{"base_tree":"{{mainCommit.TreeSha}}","tree":[{"path":"src/app.cs","mode":"100644","type":"blob","content":"class App {}\n"},{"path":"data.bin","mode":"100644","type":"blob","sha":"{{blob.Sha}}"},{"path":"old.txt","mode":"100644","type":"blob","sha":null}]}""",
            _h.Single("POST", "/repos/octo/hello/git/trees").Body);
        GitHubHarness.AssertJson(
            $$$"""{"message":"Add app\n\nAgentBot-Run: 7","tree":"{{{tree.Sha}}}","parents":["{{{main}}}"],"author":{"name":"AgentBot","email":"bot@example.com"}}""",
            _h.Single("POST", "/repos/octo/hello/git/commits").Body);
        GitHubHarness.AssertJson($$"""{"ref":"refs/heads/agentbot/coder/12-add-app","sha":"{{commit.Sha}}"}""", _h.Single("POST", "/repos/octo/hello/git/refs").Body);
        Assert.Equal(("refs/heads/agentbot/coder/12-add-app", commit.Sha), (created.Ref, created.Object.Sha));
        Assert.Equal(commit.Sha, fetched!.Object.Sha);
        Assert.Null(missing);
        Assert.Equal([main], commit.Parents.Select(p => p.Sha));
        Assert.Equal(new Dictionary<string, string> { ["README.md"] = "hi\n", ["src/app.cs"] = "class App {}\n", ["data.bin"] = "binary\0data" },
            _h.Repo.Files("agentbot/coder/12-add-app"));
    }

    [Fact]
    public async Task Moves_a_branch_forward_and_refuses_a_non_fast_forward()
    {
        var first = _h.Repo.CommitFiles("main", "one", new Dictionary<string, string> { ["a"] = "1" });
        _h.Repo.CreateBranch("work", first);
        var second = _h.Repo.CommitFiles("main", "two", new Dictionary<string, string> { ["a"] = "2" });
        var git = _h.Client.Git;

        var moved = await git.UpdateReferenceAsync("octo", "hello", "refs/heads/work", second, cancellationToken: Ct);
        var refused = await Assert.ThrowsAsync<AgentBot.GitHub.Http.GitHubApiException>(() => git.UpdateReferenceAsync("octo", "hello", "heads/work", first, cancellationToken: Ct));

        Assert.Equal(second, moved.Object.Sha);
        GitHubHarness.AssertJson($$"""{"sha":"{{second}}","force":false}""", _h.GitHub.RequestsTo("PATCH", "/repos/octo/hello/git/refs/heads/work")[0].Body);
        Assert.Equal((422, "Update is not a fast forward"), ((int)refused.Status, refused.GitHubMessage));
    }

    [Fact]
    public async Task Compares_two_branches()
    {
        _h.Repo.CommitFiles("main", "one", new Dictionary<string, string> { ["a.txt"] = "1\n" });
        _h.Repo.CommitFiles("agentbot/coder/3-x", "two", new Dictionary<string, string> { ["a.txt"] = "2\n" });

        var comparison = await _h.Client.Git.CompareAsync("octo", "hello", "main", "agentbot/coder/3-x", Ct);

        Assert.Equal(("ahead", 1, 0), (comparison.Status, comparison.AheadBy, comparison.BehindBy));
        Assert.Equal("two", Assert.Single(comparison.Commits).Commit.Message);
        var file = Assert.Single(comparison.Files!);
        Assert.Equal(("a.txt", 1, 1), (file.Filename, file.Additions, file.Deletions));
        Assert.Contains("-1\n+2", file.Patch);
        _h.Single("GET", "/repos/octo/hello/compare/main...agentbot/coder/3-x");
    }

    [Fact]
    public async Task Reads_an_issue_and_writes_comments_reactions_and_labels()
    {
        _h.Repo.AddIssue(12, "Add a health check", "Please add /healthz", "alice", ["bug"]);
        var human = _h.Repo.AddComment(12, "alice", "any news?");
        var issues = _h.Client.Issues;

        var issue = await issues.GetAsync("octo", "hello", 12, Ct);
        var created = await issues.CreateCommentAsync("octo", "hello", 12, "Working on it\n<!-- agentbot:run:7 -->", Ct);
        var edited = await issues.UpdateCommentAsync("octo", "hello", created.Id, "Done\n<!-- agentbot:run:7 -->", Ct);
        var eyes = await issues.ReactToCommentAsync("octo", "hello", human.Id, Reactions.Eyes, Ct);
        var rocket = await issues.ReactAsync("octo", "hello", 12, Reactions.Rocket, Ct);
        var labels = await issues.AddLabelsAsync("octo", "hello", 12, ["agent:coder", "skill:csharp"], Ct);
        await issues.RemoveLabelAsync("octo", "hello", 12, "bug", Ct);
        await issues.RemoveLabelAsync("octo", "hello", 12, "never-there", Ct);

        Assert.Equal(("Add a health check", "Please add /healthz", "alice", false), (issue.Title, issue.Body, issue.User.Login, issue.IsPullRequest));
        Assert.Equal(["bug"], issue.Labels.Select(l => l.Name));
        GitHubHarness.AssertJson("""{"body":"Working on it\n<!-- agentbot:run:7 -->"}""", _h.Single("POST", "/repos/octo/hello/issues/12/comments").Body);
        GitHubHarness.AssertJson("""{"body":"Done\n<!-- agentbot:run:7 -->"}""", _h.Single("PATCH", $"/repos/octo/hello/issues/comments/{created.Id}").Body);
        Assert.Equal(("Done\n<!-- agentbot:run:7 -->", 1), (_h.Repo.Comment(created.Id).Body, _h.Repo.Comment(created.Id).Edits));
        Assert.Equal(edited.Id, created.Id);
        Assert.True(created.User.IsBot);
        Assert.Equal(_h.GitHub.App.AppId, created.PerformedViaGitHubApp?.Id);
        GitHubHarness.AssertJson("""{"content":"eyes"}""", _h.Single("POST", $"/repos/octo/hello/issues/comments/{human.Id}/reactions").Body);
        GitHubHarness.AssertJson("""{"content":"rocket"}""", _h.Single("POST", "/repos/octo/hello/issues/12/reactions").Body);
        Assert.Equal(("eyes", "rocket"), (eyes.Content, rocket.Content));
        GitHubHarness.AssertJson("""{"labels":["agent:coder","skill:csharp"]}""", _h.Single("POST", "/repos/octo/hello/issues/12/labels").Body);
        Assert.Equal(["agent:coder", "bug", "skill:csharp"], labels.Select(l => l.Name).Order());
        Assert.Equal(["agent:coder", "skill:csharp"], _h.Repo.Issue(12).Labels.Order());
        _h.Single("DELETE", "/repos/octo/hello/issues/12/labels/bug");
    }

    [Fact]
    public async Task Finds_the_sticky_comment_by_its_marker_and_never_a_humans_copy()
    {
        _h.Repo.AddIssue(5, "t");
        _h.Repo.AddComment(5, "mallory", "I am the bot now <!-- agentbot:run:9 -->");
        for (var i = 0; i < 130; i++)
        {
            _h.Repo.AddComment(5, "alice", $"comment {i}");
        }

        var ours = await _h.Client.Issues.CreateCommentAsync("octo", "hello", 5, "Run 9\n<!-- agentbot:run:9 -->", Ct);

        var found = await _h.Client.Issues.FindCommentAsync("octo", "hello", 5, "<!-- agentbot:run:9 -->", _h.GitHub.App.AppId, Ct);
        var none = await _h.Client.Issues.FindCommentAsync("octo", "hello", 5, "<!-- agentbot:run:10 -->", _h.GitHub.App.AppId, Ct);

        Assert.Equal(ours.Id, found?.Id);
        Assert.Null(none);
    }

    [Fact]
    public async Task Lists_every_page_following_the_link_header()
    {
        _h.Repo.AddIssue(8, "busy");
        for (var i = 0; i < 250; i++)
        {
            _h.Repo.AddComment(8, "alice", $"c{i}");
        }

        var comments = await _h.Client.Issues.ListCommentsAsync("octo", "hello", 8, Ct).ToListAsync(Ct);

        Assert.Equal(Enumerable.Range(0, 250).Select(i => $"c{i}"), comments.Select(c => c.Body));
        Assert.Equal(["?per_page=100", "?per_page=100&page=2", "?per_page=100&page=3"],
            _h.GitHub.RequestsTo("GET", "/repos/octo/hello/issues/8/comments").Select(r => r.Query));
    }

    [Fact]
    public async Task Reads_a_collaborators_permission()
    {
        _h.Repo.SetPermission("alice", "maintain");

        var alice = await _h.Client.Repositories.GetPermissionAsync("octo", "hello", "alice", Ct);
        var stranger = await _h.Client.Repositories.GetPermissionAsync("octo", "hello", "mallory", Ct);

        Assert.True(alice.CanWrite);
        Assert.False(stranger.CanWrite);
        Assert.Equal("none", stranger.Permission);
        _h.Single("GET", "/repos/octo/hello/collaborators/alice/permission");
    }

    [Fact]
    public async Task Reads_a_pull_request_and_all_its_files_with_patches()
    {
        var files = Enumerable.Range(0, 130).Select(i => AgentBot.Testing.FakeGitHub.FakePullRequestFile.FromPatch($"src/f{i:D3}.cs", "@@ -1 +1 @@\n-a\n+b")).ToList();
        _h.Repo.AddPullRequest(21, "Big change", "body", "alice", "feature", "main", files);

        var pull = await _h.Client.PullRequests.GetAsync("octo", "hello", 21, Ct);
        var listed = await _h.Client.PullRequests.ListFilesAsync("octo", "hello", 21, Ct).ToListAsync(Ct);

        Assert.Equal((21, "Big change", "feature", "main", false), (pull.Number, pull.Title, pull.Head.Ref, pull.Base.Ref, pull.Draft));
        Assert.Equal(130, listed.Count);
        Assert.Equal(("src/f129.cs", "@@ -1 +1 @@\n-a\n+b", 1, 1), (listed[^1].Filename, listed[^1].Patch, listed[^1].Additions, listed[^1].Deletions));
        Assert.Equal(2, _h.GitHub.RequestsTo("GET", "/repos/octo/hello/pulls/21/files").Count);
    }

    [Fact]
    public async Task Opens_a_draft_pull_request_and_marks_it_ready_through_graphql()
    {
        _h.Repo.CommitFiles("main", "seed", new Dictionary<string, string> { ["a"] = "1" });
        _h.Repo.CommitFiles("agentbot/coder/12-x", "change", new Dictionary<string, string> { ["a"] = "2" });

        var pull = await _h.Client.PullRequests.CreateAsync("octo", "hello",
            new CreatePullRequestRequest("Add x", "agentbot/coder/12-x", "main", "Closes #12", Draft: true), Ct);
        await _h.Client.PullRequests.MarkReadyForReviewAsync(pull, Ct);

        GitHubHarness.AssertJson("""{"title":"Add x","head":"agentbot/coder/12-x","base":"main","body":"Closes #12","draft":true}""", _h.Single("POST", "/repos/octo/hello/pulls").Body);
        Assert.True(pull.Draft);
        var graphql = _h.Single("POST", "/graphql");
        Assert.Contains("markPullRequestReadyForReview", graphql.Body);
        Assert.Equal(pull.NodeId, graphql.Json()!["variables"]!["id"]!.GetValue<string>());
        Assert.False(_h.Repo.PullRequest(pull.Number).Draft);
    }

    [Fact]
    public async Task Posts_a_review_with_inline_comments_and_lists_reviews()
    {
        _h.Repo.AddPullRequest(30, "Change", "", "alice", "feature", "main",
            [AgentBot.Testing.FakeGitHub.FakePullRequestFile.FromPatch("src/a.cs", "@@ -1,2 +1,3 @@\n a\n+b\n c")]);
        var pulls = _h.Client.PullRequests;

        var review = await pulls.CreateReviewAsync("octo", "hello", 30, new CreateReviewRequest(ReviewEvents.RequestChanges, "Two problems.", null,
            [new ReviewComment("src/a.cs", 2, "Null check missing."), new ReviewComment("src/a.cs", 3, "Typo.", StartLine: 2, StartSide: "RIGHT")]), Ct);
        var listed = await pulls.ListReviewsAsync("octo", "hello", 30, Ct).ToListAsync(Ct);

        GitHubHarness.AssertJson(
            """{"event":"REQUEST_CHANGES","body":"Two problems.","comments":[{"path":"src/a.cs","line":2,"body":"Null check missing.","side":"RIGHT"},{"path":"src/a.cs","line":3,"body":"Typo.","side":"RIGHT","start_line":2,"start_side":"RIGHT"}]}""",
            _h.Single("POST", "/repos/octo/hello/pulls/30/reviews").Body);
        Assert.Equal("CHANGES_REQUESTED", review.State);
        Assert.Equal(review.Id, Assert.Single(listed).Id);
        Assert.Equal(2, _h.Repo.ReviewComments.Count);
        var threads = await pulls.ListReviewCommentsAsync("octo", "hello", 30, Ct).ToListAsync(Ct);
        Assert.Equal([("src/a.cs", 2, "Null check missing."), ("src/a.cs", 3, "Typo.")], threads.Select(c => (c.Path, c.Line ?? 0, c.Body ?? "")));
        Assert.All(threads, c => Assert.True(c.User!.IsBot));
        Assert.Equal("?per_page=100", _h.Single("GET", "/repos/octo/hello/pulls/30/comments").Query);
    }

    [Fact]
    public async Task A_review_on_a_line_outside_the_diff_fails_with_GitHubs_message()
    {
        _h.Repo.AddPullRequest(31, "Change", "", "alice", "feature", "main", [AgentBot.Testing.FakeGitHub.FakePullRequestFile.FromPatch("src/a.cs", "@@ -1 +1 @@\n-a\n+b")]);

        var ex = await Assert.ThrowsAsync<AgentBot.GitHub.Http.GitHubApiException>(() => _h.Client.PullRequests.CreateReviewAsync("octo", "hello", 31,
            new CreateReviewRequest(ReviewEvents.Comment, "x", null, [new ReviewComment("not/in/diff.cs", 1, "?")]), Ct));

        Assert.Equal(422, (int)ex.Status);
        Assert.Contains("Line could not be resolved", ex.Errors);
        Assert.Single(_h.GitHub.RequestsTo("POST", "/repos/octo/hello/pulls/31/reviews"));
    }

    [Fact]
    public async Task Creates_and_updates_a_check_run_with_actions()
    {
        var checks = _h.Client.Checks;

        var run = await checks.CreateAsync("octo", "hello", new CheckRunRequest(
            Name: "agent/reviewer", HeadSha: Head(), Status: CheckStatuses.InProgress, ExternalId: "run-7",
            DetailsUrl: "https://agentbot.example.com/runs/7", Output: new CheckRunOutput("Reviewing", "Reading 3 files")), Ct);
        var done = await checks.UpdateAsync("octo", "hello", run.Id, new CheckRunRequest(
            Status: CheckStatuses.Completed, Conclusion: CheckConclusions.ActionRequired,
            Output: new CheckRunOutput("Waiting for approval", "Push 2 files?", "diff"),
            Actions: [new CheckRunAction("Approve", "Publish the change", "approve"), new CheckRunAction("Reject", "Discard the change", "reject")]), Ct);

        GitHubHarness.AssertJson(
            $$$"""{"name":"agent/reviewer","head_sha":"{{{Head()}}}","status":"in_progress","external_id":"run-7","details_url":"https://agentbot.example.com/runs/7","output":{"title":"Reviewing","summary":"Reading 3 files"}}""",
            _h.Single("POST", "/repos/octo/hello/check-runs").Body);
        GitHubHarness.AssertJson(
            """{"status":"completed","conclusion":"action_required","output":{"title":"Waiting for approval","summary":"Push 2 files?","text":"diff"},"actions":[{"label":"Approve","description":"Publish the change","identifier":"approve"},{"label":"Reject","description":"Discard the change","identifier":"reject"}]}""",
            _h.Single("PATCH", $"/repos/octo/hello/check-runs/{run.Id}").Body);
        Assert.Equal(("in_progress", "completed", "action_required"), (run.Status, done.Status, done.Conclusion));
        Assert.Equal(2, _h.Repo.CheckRun(run.Id).Actions.Count);
    }

    [Fact]
    public async Task Sends_annotations_in_batches_of_fifty()
    {
        var annotations = Enumerable.Range(1, 120)
            .Select(i => new CheckAnnotation("src/a.cs", i, i, AnnotationLevels.Warning, $"finding {i}"))
            .ToList();

        var run = await _h.Client.Checks.CreateAsync("octo", "hello", new CheckRunRequest(
            Name: "agent/security", HeadSha: Head(), Status: CheckStatuses.Completed, Conclusion: CheckConclusions.Neutral,
            Output: new CheckRunOutput("120 findings", "See annotations", Annotations: annotations)), Ct);

        var post = _h.Single("POST", "/repos/octo/hello/check-runs");
        var patches = _h.GitHub.RequestsTo("PATCH", $"/repos/octo/hello/check-runs/{run.Id}");
        Assert.Equal(50, post.Json()!["output"]!["annotations"]!.AsArray().Count);
        Assert.Equal([50, 20], patches.Select(p => p.Json()!["output"]!["annotations"]!.AsArray().Count));
        Assert.All(patches, p => Assert.Equal("120 findings", p.Json()!["output"]!["title"]!.GetValue<string>()));
        Assert.Equal(Enumerable.Range(1, 120), _h.Repo.CheckRun(run.Id).Annotations.Select(a => a.StartLine));
        Assert.Equal(120, run.Output!.AnnotationsCount);
    }

    [Fact]
    public async Task Cuts_output_longer_than_GitHub_accepts_instead_of_failing()
    {
        var run = await _h.Client.Checks.CreateAsync("octo", "hello", new CheckRunRequest(
            Name: "agent/qa", HeadSha: Head(), Output: new CheckRunOutput("Log", new string('x', 70_000), new string('y', 100_000))), Ct);
        var comment = await _h.Client.Issues.CreateCommentAsync("octo", "hello", _h.Repo.AddIssue(40, "t").Number, new string('z', 80_000), Ct);

        var stored = _h.Repo.CheckRun(run.Id).Output!;
        Assert.True(stored.Summary!.Length <= 65_535 && stored.Text!.Length <= 65_535);
        Assert.Contains("truncated by AgentBot", stored.Text);
        Assert.True(_h.Repo.Comment(comment.Id).Body.Length <= 65_535);
    }

    [Fact]
    public async Task A_repeated_read_is_a_conditional_request_that_costs_no_rate_limit()
    {
        await _h.Client.Repositories.GetAsync("octo", "hello", Ct);
        var remaining = _h.GitHub.RateLimitRemaining;

        var again = await _h.Client.Repositories.GetAsync("octo", "hello", Ct);

        var gets = _h.GitHub.RequestsTo("GET", "/repos/octo/hello");
        Assert.Null(gets[0].Header("If-None-Match"));
        Assert.NotNull(gets[1].Header("If-None-Match"));
        Assert.Equal(304, gets[1].StatusCode);
        Assert.Equal("hello", again.Name);
        Assert.Equal(remaining, _h.GitHub.RateLimitRemaining);
    }

    [Fact]
    public async Task A_404_surfaces_as_one_exception_with_GitHubs_message_and_request_id()
    {
        var ex = await Assert.ThrowsAsync<AgentBot.GitHub.Http.GitHubApiException>(() => _h.Client.Issues.GetAsync("octo", "hello", 999, Ct));

        Assert.Equal(404, (int)ex.Status);
        Assert.Equal("Not Found", ex.GitHubMessage);
        Assert.StartsWith("https://docs.github.com/", ex.DocumentationUrl, StringComparison.Ordinal);
        Assert.StartsWith("FAKE:", ex.RequestId, StringComparison.Ordinal);
        Assert.Contains("GET /repos/octo/hello/issues/999", ex.Message);
    }
}
