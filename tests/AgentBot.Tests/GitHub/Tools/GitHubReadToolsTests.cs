using AgentBot.Runner.Tools;
using AgentBot.Testing.FakeGitHub;
using static AgentBot.Tests.GitHub.Tools.GitHubToolsKit;

namespace AgentBot.Tests.GitHub.Tools;

/// <summary>The six read tools through the real client against the fake GitHub: what GitHub receives and what the model reads back.</summary>
public sealed class GitHubReadToolsTests : IAsyncLifetime
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
    public async Task Get_issue_reads_the_runs_issue_by_default_and_another_by_number()
    {
        _h.Repo.AddIssue(12, "Add a health check", "Please add /healthz\n", "alice", ["bug", "skill:csharp"]);
        _h.Repo.AddIssue(13, "Other", "", "bob");
        var tools = Tools();

        var own = await CallAsync(tools, "github.get_issue");
        var other = await CallAsync(tools, "github.get_issue", """{"number": "13"}""");

        Assert.False(own.IsError);
        Assert.Equal(
            "Issue #12 (open): Add a health check\nAuthor: alice\nLabels: bug, skill:csharp\nURL: https://github.com/octo/hello/issues/12\n\nPlease add /healthz\n",
            own.Content);
        Assert.StartsWith("Issue #13 (open): Other\nAuthor: bob\nLabels: none\n", other.Content, StringComparison.Ordinal);
        Assert.EndsWith("(no description)\n", other.Content, StringComparison.Ordinal);
        Assert.Equal(["GET /repos/octo/hello/issues/12", "GET /repos/octo/hello/issues/13"], ApiCalls());
    }

    [Fact]
    public async Task A_404_becomes_an_error_result_with_GitHubs_message_and_status()
    {
        var result = await CallAsync(Tools(), "github.get_issue", """{"number": 999}""");

        Assert.True(result.IsError);
        Assert.StartsWith("GitHub answered 404 to GET /repos/octo/hello/issues/999: Not Found.", result.Content, StringComparison.Ordinal);
        Assert.Contains("does not exist", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_comments_shows_author_date_and_body_oldest_first()
    {
        _h.Repo.AddIssue(12, "t");
        _h.Repo.AddComment(12, "alice", "any news?");
        _h.Repo.AddComment(12, "bob", "working on it\n\n");

        var result = await CallAsync(Tools(), "github.list_comments");

        Assert.False(result.IsError);
        var lines = result.Content.Split('\n');
        Assert.Equal("2 comments on #12, oldest first.", lines[0]);
        Assert.Matches(@"^--- alice, \d{4}-\d\d-\d\d \d\d:\d\d UTC, comment \d+$", lines[2]);
        Assert.Equal("any news?", lines[3]);
        Assert.StartsWith("--- bob, ", lines[5], StringComparison.Ordinal);
        Assert.Equal("working on it", lines[6]);
        Assert.Equal(["GET /repos/octo/hello/issues/12/comments"], ApiCalls());
    }

    [Fact]
    public async Task List_comments_keeps_the_newest_and_says_how_many_older_ones_were_cut()
    {
        _h.Repo.AddIssue(8, "busy");
        for (var i = 0; i < 130; i++)
        {
            _h.Repo.AddComment(8, "alice", $"c{i}");
        }

        var tools = Tools();
        var byDefault = await CallAsync(tools, "github.list_comments", """{"number": 8}""");
        var three = await CallAsync(tools, "github.list_comments", """{"number": 8, "limit": 3}""");
        var empty = await CallAsync(Tools(number: 9), "github.list_comments", """{"number": 8, "limit": 0}""");

        Assert.StartsWith("The newest 50 of 130 comments on #8, oldest first; 80 older comments were cut (call again with a larger 'limit'",
            byDefault.Content, StringComparison.Ordinal);
        var bodies = byDefault.Content.Split('\n').Where(l => l.StartsWith('c')).ToList();
        Assert.Equal(Enumerable.Range(80, 50).Select(i => $"c{i}"), bodies);
        Assert.Equal(["c127", "c128", "c129"], three.Content.Split('\n').Where(l => l.StartsWith('c')));
        Assert.Contains("127 older comments were cut", three.Content, StringComparison.Ordinal);
        Assert.Equal((true, "'limit' must be between 1 and 500"), (empty.IsError, empty.Content));
        // Both calls read every page, so the count of what was cut is exact.
        Assert.Equal(4, _h.GitHub.RequestsTo("GET", "/repos/octo/hello/issues/8/comments").Count);
    }

    [Fact]
    public async Task Get_pull_request_shows_state_draft_branches_shas_and_body()
    {
        _h.Repo.CommitFiles("main", "seed", new Dictionary<string, string> { ["a.txt"] = "1\n" });
        _h.Repo.CommitFiles("feature", "change", new Dictionary<string, string> { ["a.txt"] = "2\n" });
        _h.Repo.AddPullRequest(21, "Change a", "Closes #3", "alice", "feature", "main", draft: true);

        var result = await CallAsync(Tools(21, isPullRequest: true), "github.get_pull_request");

        Assert.False(result.IsError);
        Assert.Equal(
            $"Pull request #21 (open, draft): Change a\nAuthor: alice\nHead: feature at {_h.Repo.Head("feature")}\nBase: main at {_h.Repo.Head("main")}\n" +
            "URL: https://github.com/octo/hello/pull/21\n\nCloses #3\n",
            result.Content);
        Assert.Equal(["GET /repos/octo/hello/pulls/21"], ApiCalls());
    }

    [Fact]
    public async Task Pull_request_tools_on_an_issue_run_ask_for_a_number_without_calling_GitHub()
    {
        var tools = Tools(12, isPullRequest: false);

        var get = await CallAsync(tools, "github.get_pull_request");
        var files = await CallAsync(tools, "github.list_pull_request_files");
        var review = await CallAsync(tools, "github.create_review", """{"event": "COMMENT", "body": "x"}""");
        var nowhere = await CallAsync(Tools(number: null), "github.comment", """{"body": "x"}""");

        Assert.All([get, files], r => Assert.Equal((true, "this run is on issue #12, not a pull request; pass the pull request's 'number'"), (r.IsError, r.Content)));
        Assert.Equal(
            (true, "github.create_review reviews the pull request this run is about, and this run is on issue #12; use github.comment instead"),
            (review.IsError, review.Content));
        Assert.Equal((true, "this run is not on an issue or pull request; pass 'number'"), (nowhere.IsError, nowhere.Content));
        Assert.Empty(ApiCalls());
    }

    [Fact]
    public async Task List_pull_request_files_shows_status_counts_and_patches_cut_to_size()
    {
        var big = "@@ -1,1000 +1,1000 @@\n" + string.Concat(Enumerable.Range(0, 1000).Select(i => $"-old line {i}\n+new line {i}\n"));
        _h.Repo.AddPullRequest(30, "Change", "", "alice", "feature", "main",
        [
            FakePullRequestFile.FromPatch("src/a.cs", "@@ -1,2 +1,3 @@\n a\n+b\n c"),
            FakePullRequestFile.FromPatch("src/big.cs", big),
            new FakePullRequestFile("logo.png", "added", 0, 0, null),
            FakePullRequestFile.FromPatch("src/new.cs", "@@ -1 +1 @@\n-x\n+y", "renamed") with { PreviousFilename = "src/old.cs" },
        ]);
        var tools = Tools(30, isPullRequest: true);

        var all = await CallAsync(tools, "github.list_pull_request_files");
        var two = await CallAsync(tools, "github.list_pull_request_files", """{"limit": 2, "include_patch": false}""");

        Assert.False(all.IsError);
        Assert.StartsWith("4 files changed in pull request #30.\n\nsrc/a.cs (modified, +1 -0)\n```diff\n@@ -1,2 +1,3 @@\n a\n+b\n c\n```\n", all.Content, StringComparison.Ordinal);
        Assert.Contains("src/big.cs (modified, +1000 -1000)\n```diff\n@@ -1,1000 +1,1000 @@\n-old line 0\n", all.Content, StringComparison.Ordinal);
        Assert.Matches(@"… \(diff cut: showing \d+ of 2001 lines, [\d,]+ of [\d,]+ characters\)\n```\n", all.Content);
        Assert.DoesNotContain("new line 999", all.Content, StringComparison.Ordinal);
        Assert.Contains("logo.png (added, +0 -0)\n(no diff from GitHub: binary or too large)\n", all.Content, StringComparison.Ordinal);
        Assert.Contains("src/new.cs (renamed, from src/old.cs, +1 -1)\n```diff\n", all.Content, StringComparison.Ordinal);
        Assert.Equal(
            "4 files changed in pull request #30; showing the first 2, 2 more not shown (call again with a larger 'limit', at most 3000).\n\n" +
            "src/a.cs (modified, +1 -0)\n\nsrc/big.cs (modified, +1000 -1000)\n",
            two.Content);
    }

    [Fact]
    public async Task Get_file_reads_text_at_a_ref_with_line_numbers()
    {
        _h.Repo.CommitFiles("main", "seed", new Dictionary<string, string> { ["src/app.cs"] = "class App\n{\n}\n" });
        _h.Repo.CommitFiles("feature/x", "change", new Dictionary<string, string> { ["src/app.cs"] = "class App2\n" });
        var tools = Tools();

        var main = await CallAsync(tools, "github.get_file", """{"path": "src/app.cs"}""");
        var branch = await CallAsync(tools, "github.get_file", """{"path": "/src/app.cs", "ref": "feature/x"}""");

        Assert.False(main.IsError);
        Assert.Matches(@"^src/app.cs at the default branch \(blob [0-9a-f]{12}, 3 lines\):\n     1\tclass App\n     2\t\{\n     3\t\}\n$", main.Content);
        Assert.Matches(@"^src/app.cs at feature/x \(blob [0-9a-f]{12}, 1 line\):\n     1\tclass App2\n$", branch.Content);
        Assert.Equal("?ref=feature%2Fx", _h.GitHub.RequestsTo("GET", "/repos/octo/hello/contents/src/app.cs")[1].Query);
    }

    [Fact]
    public async Task Get_file_refuses_binary_files_and_directories_and_reports_a_missing_file()
    {
        _h.Repo.CommitFiles("main", "seed", new Dictionary<string, string> { ["img/logo.png"] = "\u0089PNG\0\0data", ["img/readme.txt"] = "hi" });
        var tools = Tools();

        var binary = await CallAsync(tools, "github.get_file", """{"path": "img/logo.png"}""");
        var directory = await CallAsync(tools, "github.get_file", """{"path": "img"}""");
        var missing = await CallAsync(tools, "github.get_file", """{"path": "nope.txt"}""");

        Assert.Equal((true, "'img/logo.png' at the default branch is a binary file (11 bytes); only text files can be read."), (binary.IsError, binary.Content));
        Assert.Equal((true, "'img' at the default branch is a directory, not a file. It holds: logo.png, readme.txt"), (directory.IsError, directory.Content));
        Assert.True(missing.IsError);
        Assert.StartsWith("GitHub answered 404 to GET /repos/octo/hello/contents/nope.txt: Not Found.", missing.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_shows_status_ahead_behind_commits_and_files()
    {
        _h.Repo.CommitFiles("main", "seed", new Dictionary<string, string> { ["a.txt"] = "1\n" });
        var two = _h.Repo.CommitFiles("agentbot/coder/3-x", "Change a\n\nBecause.", new Dictionary<string, string> { ["a.txt"] = "2\n", ["b.txt"] = "new\n" });

        var result = await CallAsync(Tools(), "github.compare", """{"base": "main", "head": "agentbot/coder/3-x"}""");

        Assert.False(result.IsError);
        Assert.Matches(@"^main\.\.\.agentbot/coder/3-x: ahead, head is 1 commit ahead and 0 behind \(merge base [0-9a-f]{12}\)\.\n", result.Content);
        Assert.Contains($"\nCommits (1):\n  {two[..12]} Change a\n", result.Content, StringComparison.Ordinal);
        Assert.Contains("\nFiles (2):\n  a.txt (modified, +1 -1)\n  b.txt (added, +1 -0)\n", result.Content, StringComparison.Ordinal);
        Assert.Equal(["GET /repos/octo/hello/compare/main...agentbot/coder/3-x"], ApiCalls());
    }
}
