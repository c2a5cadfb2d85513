using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentBot.Testing;
using AgentBot.Testing.FakeGitHub;

namespace AgentBot.Tests.FakeGitHub;

/// <summary>Issues, pull requests, reviews, check runs and GraphQL: the calls AgentBot makes on GitHub, and GitHub's refusals.</summary>
public sealed class FakeGitHubCollaborationTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_draft_pull_request_is_opened_marked_ready_and_reviewed_with_GitHubs_rules()
    {
        await using var fake = await FakeGitHubServer.StartAsync(new ManualTimeProvider());
        var repo = fake.AddRepository("octo", "hello");
        repo.CommitFiles("main", "init", new Dictionary<string, string> { ["src/app.cs"] = "a\nb\nc\n" });
        repo.CommitFiles("agentbot/coder/1-fix", "Fix b", new Dictionary<string, string> { ["src/app.cs"] = "a\nB\nc\n" });
        repo.CreateBranch("empty");
        using var client = FakeGitHubHttp.Create(fake, fake.IssueToken());
        var open = new { title = "Fix b", head = "octo:agentbot/coder/1-fix", @base = "main", body = "Closes #1", draft = true };

        var created = await client.PostAsJsonAsync("repos/octo/hello/pulls", open, Cancel);
        var duplicate = await client.PostAsJsonAsync("repos/octo/hello/pulls", open, Cancel);
        var nothingToMerge = await client.PostAsJsonAsync("repos/octo/hello/pulls", new { title = "x", head = "empty", @base = "main" }, Cancel);
        var pull = (await created.Content.ReadFromJsonAsync<JsonObject>(Cancel))!;
        var ready = await client.PostAsJsonAsync(
            "graphql",
            new { query = "mutation($id: ID!) { markPullRequestReadyForReview(input: {pullRequestId: $id}) { pullRequest { isDraft number } } }", variables = new { id = pull["node_id"]!.GetValue<string>() } },
            Cancel);
        var unknownNode = await client.PostAsJsonAsync(
            "graphql", new { query = "mutation { markPullRequestReadyForReview(input: {pullRequestId: \"PR_nope\"}) { clientMutationId } }" }, Cancel);
        var files = (await client.GetFromJsonAsync<JsonArray>("repos/octo/hello/pulls/1/files", Cancel))!;
        var approveOwn = await client.PostAsJsonAsync("repos/octo/hello/pulls/1/reviews", new { @event = "APPROVE" }, Cancel);
        var offDiff = await client.PostAsJsonAsync(
            "repos/octo/hello/pulls/1/reviews", new { @event = "COMMENT", body = "see", comments = new[] { new { path = "src/other.cs", line = 1, side = "RIGHT", body = "?" } } }, Cancel);
        var review = await client.PostAsJsonAsync(
            "repos/octo/hello/pulls/1/reviews", new { @event = "COMMENT", body = "Looks fine", comments = new[] { new { path = "src/app.cs", line = 2, side = "RIGHT", body = "Why upper case?" } } }, Cancel);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(1, pull["number"]!.GetValue<int>());
        Assert.True(pull["draft"]!.GetValue<bool>());
        Assert.Equal(repo.Head("agentbot/coder/1-fix"), pull["head"]!["sha"]!.GetValue<string>());
        Assert.Equal("agentbot[bot]", pull["user"]!["login"]!.GetValue<string>());
        Assert.Equal("A pull request already exists for octo:agentbot/coder/1-fix.", await FirstError(duplicate));
        Assert.Equal("No commits between main and empty", await FirstError(nothingToMerge));
        Assert.False((await ready.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["data"]!["markPullRequestReadyForReview"]!["pullRequest"]!["isDraft"]!.GetValue<bool>());
        Assert.False(repo.PullRequest(1).Draft);
        Assert.Equal("NOT_FOUND", (await unknownNode.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["errors"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("@@ -1,3 +1,3 @@\n a\n-b\n+B\n c", Assert.Single(files)!["patch"]!.GetValue<string>());
        Assert.Equal("Can not approve your own pull request", await FirstError(approveOwn));
        Assert.Equal("Line could not be resolved", await FirstError(offDiff));
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        Assert.Equal("COMMENTED", (await review.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["state"]!.GetValue<string>());
        var comment = Assert.Single(repo.ReviewComments);
        Assert.Equal(("src/app.cs", 2, "RIGHT"), (comment.Path, comment.Line, comment.Side));
        Assert.Empty(fake.UnhandledRequests);
    }

    [Fact]
    public async Task Check_run_annotations_accumulate_within_GitHubs_limits()
    {
        await using var fake = await FakeGitHubServer.StartAsync(new ManualTimeProvider());
        var repo = fake.AddRepository("octo", "hello");
        var sha = repo.CommitFiles("main", "init", new Dictionary<string, string> { ["a.cs"] = "x\n" });
        using var client = FakeGitHubHttp.Create(fake, fake.IssueToken());

        var tooMany = await client.PostAsJsonAsync("repos/octo/hello/check-runs", Run(sha, annotations: 51), Cancel);
        var created = await client.PostAsJsonAsync("repos/octo/hello/check-runs", Run(sha, annotations: 50), Cancel);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["id"]!.GetValue<long>();
        var updated = await client.PatchAsJsonAsync($"repos/octo/hello/check-runs/{id}", Run(sha, annotations: 10), Cancel);
        var noConclusion = await client.PatchAsJsonAsync($"repos/octo/hello/check-runs/{id}", new { status = "completed" }, Cancel);
        var longLabel = await client.PatchAsJsonAsync(
            $"repos/octo/hello/check-runs/{id}",
            new { conclusion = "action_required", actions = new[] { new { label = "Approve this change now", description = "Let it go", identifier = "approve" } } },
            Cancel);
        var completed = await client.PatchAsJsonAsync(
            $"repos/octo/hello/check-runs/{id}",
            new { conclusion = "action_required", actions = new[] { new { label = "Approve", description = "Let the run publish", identifier = "approve" } } },
            Cancel);

        Assert.Equal((HttpStatusCode)422, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(60, (await updated.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["output"]!["annotations_count"]!.GetValue<int>());
        Assert.Equal((HttpStatusCode)422, noConclusion.StatusCode);
        Assert.Equal((HttpStatusCode)422, longLabel.StatusCode);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var run = Assert.Single(repo.CheckRuns);
        // Refused updates change nothing, so two of the four PATCHes count.
        Assert.Equal(("completed", "action_required", 60, 2), (run.Status, run.Conclusion, run.Annotations.Count, run.Updates));
        Assert.Equal("approve", Assert.Single(run.Actions).Identifier);
    }

    [Fact]
    public async Task Comments_reactions_labels_and_permissions_behave_as_on_GitHub()
    {
        await using var fake = await FakeGitHubServer.StartAsync(new ManualTimeProvider());
        var repo = fake.AddRepository("octo", "hello");
        repo.AddIssue(1, "Bug", "It breaks", "alice", labels: ["bug"]);
        var human = repo.AddComment(1, "alice", "/agent implement");
        repo.SetPermission("alice", "maintain");
        using var client = FakeGitHubHttp.Create(fake, fake.IssueToken());

        var eyes = await client.PostAsJsonAsync($"repos/octo/hello/issues/comments/{human.Id}/reactions", new { content = "eyes" }, Cancel);
        var eyesAgain = await client.PostAsJsonAsync($"repos/octo/hello/issues/comments/{human.Id}/reactions", new { content = "eyes" }, Cancel);
        var unknownReaction = await client.PostAsJsonAsync("repos/octo/hello/issues/1/reactions", new { content = "party" }, Cancel);
        var sticky = await client.PostAsJsonAsync("repos/octo/hello/issues/1/comments", new { body = "<!-- agentbot:run:1 --> working" }, Cancel);
        var stickyId = (await sticky.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["id"]!.GetValue<long>();
        var edited = await client.PatchAsJsonAsync($"repos/octo/hello/issues/comments/{stickyId}", new { body = "<!-- agentbot:run:1 --> done" }, Cancel);
        var labels = (await (await client.PostAsJsonAsync("repos/octo/hello/issues/1/labels", new { labels = new[] { "agent:coder" } }, Cancel)).Content.ReadFromJsonAsync<JsonArray>(Cancel))!;
        var removeAbsent = await client.DeleteAsync("repos/octo/hello/issues/1/labels/nope", Cancel);
        var alice = (await client.GetFromJsonAsync<JsonObject>("repos/octo/hello/collaborators/alice/permission", Cancel))!;
        var stranger = (await client.GetFromJsonAsync<JsonObject>("repos/octo/hello/collaborators/mallory/permission", Cancel))!;

        Assert.Equal(HttpStatusCode.Created, eyes.StatusCode);
        Assert.Equal(HttpStatusCode.OK, eyesAgain.StatusCode);
        Assert.Single(repo.Reactions);
        Assert.Equal((HttpStatusCode)422, unknownReaction.StatusCode);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var bot = repo.Comment(stickyId);
        Assert.Equal(("agentbot[bot]", "Bot", "<!-- agentbot:run:1 --> done", 1), (bot.User.Login, bot.User.Type, bot.Body, bot.Edits));
        Assert.Equal(["bug", "agent:coder"], labels.Select(l => l!["name"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.NotFound, removeAbsent.StatusCode);
        Assert.Equal("Label does not exist", (await removeAbsent.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["message"]!.GetValue<string>());
        Assert.Equal(("write", "maintain"), (alice["permission"]!.GetValue<string>(), alice["role_name"]!.GetValue<string>()));
        Assert.Equal("none", stranger["permission"]!.GetValue<string>());
    }

    private static object Run(string sha, int annotations) => new
    {
        name = "agent/reviewer",
        head_sha = sha,
        status = "in_progress",
        output = new
        {
            title = "Reviewing",
            summary = "Halfway",
            annotations = Enumerable.Range(1, annotations)
                .Select(i => new { path = "a.cs", start_line = 1, end_line = 1, annotation_level = "warning", message = $"finding {i}" })
                .ToArray(),
        },
    };

    private static async Task<string> FirstError(HttpResponseMessage response)
    {
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["errors"]![0]!;
        return error is JsonObject detail ? detail["message"]!.GetValue<string>() : error.GetValue<string>();
    }
}
