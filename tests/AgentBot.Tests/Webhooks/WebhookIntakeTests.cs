using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AgentBot.Testing;
using AgentBot.Testing.FakeGitHub;
using AgentBot.Tests.Infrastructure;
using AgentBot.Webhooks;
using AgentBot.Webhooks.Payloads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AgentBot.Tests.Webhooks;

/// <summary>The app in process on its own SQLite file, talking to a fake GitHub; shared by the intake tests.</summary>
public sealed class WebhookIntakeFixture : IAsyncLifetime
{
    public FakeGitHubServer GitHub { get; private set; } = null!;

    public AgentBotFactory App { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public Inbox Inbox => App.Service<Inbox>();

    public async ValueTask InitializeAsync()
    {
        GitHub = await FakeGitHubServer.StartAsync();
        App = AgentBotFactory.Create(GitHub);
        // Without the redirect handler, which buffers every request body before sending it: the size tests need
        // the body to flow only as fast as the receiver reads it.
        Client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        await GitHub.DisposeAsync();
    }
}

/// <summary>
/// POST /api/github/webhooks with GitHub's own recorded payloads (@octokit/webhooks-examples): what intake answers
/// and what it stores. The inbox processor routes stored deliveries afterwards; these tests read what intake
/// wrote, not what routing made of it.
/// </summary>
public sealed class WebhookIntakeTests(WebhookIntakeFixture fixture) : IClassFixture<WebhookIntakeFixture>
{
    private const string SecondSecret = "the new secret, after rotation";
    private const string WrongSecret = "not the secret";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Client => fixture.Client;

    private Inbox Inbox => fixture.Inbox;

    /// <summary>Every event and action the app acts on (<see cref="WebhookPayload.Used"/>); the installation events, taken whatever their action, by the actions it reads.</summary>
    public static TheoryData<string, string?> UsedEventsAndActions => new()
    {
        { "issues", "opened" },
        { "issues", "labeled" },
        { "issue_comment", "created" },
        { "pull_request", "opened" },
        { "pull_request", "reopened" },
        { "pull_request", "synchronize" },
        { "pull_request", "ready_for_review" },
        { "pull_request", "closed" },
        { "pull_request", "labeled" },
        { "pull_request_review", "submitted" },
        { "check_run", "requested_action" },
        { "check_run", "rerequested" },
        { "push", null },
        { "installation", "created" },
        { "installation", "deleted" },
        { "installation_repositories", "added" },
        { "installation_repositories", "removed" },
    };

    [Fact]
    public void The_table_of_used_events_covers_every_event_and_action_the_app_uses()
    {
        var table = UsedEventsAndActions.Select(row => row.Data).ToList();

        Assert.Equal(WebhookPayload.Used.Keys.Order(StringComparer.Ordinal), table.Select(r => r.Item1).Distinct().Order(StringComparer.Ordinal));
        foreach (var (eventName, actions) in WebhookPayload.Used.Where(u => u.Value is not null))
        {
            Assert.Equal(actions!.Order(StringComparer.Ordinal), table.Where(r => r.Item1 == eventName).Select(r => r.Item2).Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(UsedEventsAndActions))]
    public async Task Every_event_and_action_the_app_uses_is_answered_202_and_stored_as_pending(string eventName, string? action)
    {
        var examples = await ExamplesAsync();

        foreach (var json in examples.Payloads(eventName, action))
        {
            var id = Guid.NewGuid().ToString();
            var before = DateTimeOffset.UtcNow;

            using var response = await Client.SendAsync(Deliveries.Signed(eventName, json, id), Ct);

            var after = DateTimeOffset.UtcNow;
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal((id, InboxStatus.Pending), await AnswerAsync(response));
            var row = await Inbox.GetAsync(id, Ct);
            Assert.NotNull(row);
            AssertStoredAsSent(eventName, json, row);
            Assert.InRange(row.ReceivedAt, before, after);
        }
    }

    [Theory]
    [InlineData("issues", "edited", "action 'edited' of 'issues' is not used")]
    [InlineData("pull_request", "assigned", "action 'assigned' of 'pull_request' is not used")]
    [InlineData("issue_comment", "deleted", "action 'deleted' of 'issue_comment' is not used")]
    [InlineData("check_run", "completed", "action 'completed' of 'check_run' is not used")]
    [InlineData("star", "created", "event 'star' is not used")]
    [InlineData("watch", "started", "event 'watch' is not used")]
    [InlineData("create", null, "event 'create' is not used")]
    public async Task Events_and_actions_the_app_does_not_use_are_answered_202_and_stored_as_ignored_saying_why(
        string eventName, string? action, string why)
    {
        var examples = await ExamplesAsync();
        var json = examples.Payloads(eventName, action)[0];
        var id = Guid.NewGuid().ToString();

        using var response = await Client.SendAsync(Deliveries.Signed(eventName, json, id), Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal((id, InboxStatus.Ignored), await AnswerAsync(response));
        var row = await Inbox.GetAsync(id, Ct);
        Assert.NotNull(row);
        AssertStoredAsSent(eventName, json, row);
        Assert.Equal(InboxStatus.Ignored, row.Status);
        Assert.Equal(why, row.Note);
    }

    [Fact]
    public async Task A_ping_is_answered_200_and_stores_nothing()
    {
        var examples = await ExamplesAsync();
        var json = examples.Payloads("ping", null)[0];
        var id = Guid.NewGuid().ToString();
        var stored = await StoredCountAsync();

        using var response = await Client.SendAsync(Deliveries.Signed("ping", json, id), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(await Inbox.GetAsync(id, Ct));
        Assert.Equal(stored, await StoredCountAsync());
    }

    [Fact]
    public async Task Refuses_an_unsigned_delivery_with_401()
    {
        var json = await IssueOpenedAsync();

        await AssertRefusedAsync(Deliveries.Unsigned("issues", Encoding.UTF8.GetBytes(json)), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refuses_a_delivery_signed_with_the_wrong_secret_with_401()
    {
        var json = await IssueOpenedAsync();

        await AssertRefusedAsync(Deliveries.Signed("issues", json, secret: WrongSecret), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refuses_a_valid_signature_of_another_body_with_401()
    {
        var examples = await ExamplesAsync();
        var sent = examples.Payloads("issues", "opened")[0];
        var signed = examples.Payloads("issues", "labeled")[0];
        var request = Deliveries.Unsigned("issues", Encoding.UTF8.GetBytes(sent));
        request.Headers.Add("X-Hub-Signature-256", WebhookSignature.Sign(Encoding.UTF8.GetBytes(signed), AgentBotFactory.WebhookSecret));

        await AssertRefusedAsync(request, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refuses_a_signature_of_the_body_with_one_byte_changed_with_401()
    {
        var json = await IssueOpenedAsync();
        var body = Encoding.UTF8.GetBytes(json);
        var signature = WebhookSignature.Sign(body, AgentBotFactory.WebhookSecret);
        // Whitespace GitHub's JSON parser would not notice, but the HMAC must.
        body[^1] = (byte)' ';
        var request = Deliveries.Unsigned("issues", [.. body, (byte)'}']);
        request.Headers.Add("X-Hub-Signature-256", signature);

        await AssertRefusedAsync(request, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("sha256=not-hex")]
    [InlineData("sha256=gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg")]
    [InlineData("sha256=00000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("sha256=000000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("sha1=0000000000000000000000000000000000000000")]
    [InlineData("sha256 0000000000000000000000000000000000000000000000000000000000000000")]
    public async Task Refuses_a_malformed_signature_header_with_401(string header)
    {
        var json = await IssueOpenedAsync();
        var request = Deliveries.Unsigned("issues", Encoding.UTF8.GetBytes(json));
        request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", header);

        await AssertRefusedAsync(request, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refuses_a_body_over_25_MB_announced_by_Content_Length_with_413_without_reading_it()
    {
        using var content = new PaddedJsonContent(WebhookReceiver.MaxBodyBytes + 1L, announceLength: true);
        var request = Deliveries.Unsigned("star", []);
        request.Content = content;
        request.Headers.Add("X-Hub-Signature-256", PaddedJsonContent.Sign(WebhookReceiver.MaxBodyBytes + 1L, AgentBotFactory.WebhookSecret));

        await AssertRefusedAsync(request, HttpStatusCode.RequestEntityTooLarge);

        // At most what the transport buffers before anyone reads: the receiver answered from the header alone.
        Assert.InRange(content.Produced, 0, 1024 * 1024);
    }

    [Fact]
    public async Task Refuses_a_chunked_body_over_25_MB_with_413_and_stops_reading_soon_after_25_MB()
    {
        const long size = 4L * WebhookReceiver.MaxBodyBytes;
        using var content = new PaddedJsonContent(size, announceLength: false);
        var request = Deliveries.Unsigned("star", []);
        request.Content = content;
        request.Headers.Add("X-Hub-Signature-256", PaddedJsonContent.Sign(size, AgentBotFactory.WebhookSecret));
        Assert.Null(content.Headers.ContentLength);

        await AssertRefusedAsync(request, HttpStatusCode.RequestEntityTooLarge);

        // The receiver has to read just past 25 MB to know; the rest of the 100 MB was never asked for.
        Assert.InRange(content.Produced, WebhookReceiver.MaxBodyBytes + 1L, WebhookReceiver.MaxBodyBytes + (4L * 1024 * 1024));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Accepts_a_body_of_exactly_25_MB(bool announceLength)
    {
        using var content = new PaddedJsonContent(WebhookReceiver.MaxBodyBytes, announceLength);
        var id = Guid.NewGuid().ToString();
        var request = Deliveries.Unsigned("star", [], id);
        request.Content = content;
        request.Headers.Add("X-Hub-Signature-256", PaddedJsonContent.Sign(WebhookReceiver.MaxBodyBytes, AgentBotFactory.WebhookSecret));

        using var response = await Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal((id, InboxStatus.Ignored), await AnswerAsync(response));
        var row = await Inbox.GetAsync(id, Ct);
        Assert.Equal(WebhookReceiver.MaxBodyBytes, row?.Payload.Length);
    }

    [Theory]
    [InlineData("{\"action\": \"opened\", \"issue\": {\"number\": 1}")]
    [InlineData("{\"action\": \"opened\"} {}")]
    [InlineData("{\"action\": opened}")]
    [InlineData("[{\"action\": \"opened\"}]")]
    [InlineData("\"opened\"")]
    [InlineData("null")]
    [InlineData("")]
    public async Task Refuses_a_signed_body_that_is_not_one_JSON_object_with_400(string json)
    {
        await AssertRefusedAsync(Deliveries.Signed("issues", json), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Refuses_a_signed_body_that_is_not_valid_UTF8_with_400_instead_of_storing_it_altered()
    {
        byte[] body = [.. "{\"action\":\"opened\",\"x\":\""u8, 0xFF, 0xFE, .. "\"}"u8];
        var request = Deliveries.Unsigned("issues", body);
        request.Headers.Add("X-Hub-Signature-256", AgentBot.Webhooks.WebhookSignature.Sign(body, AgentBotFactory.WebhookSecret));

        await AssertRefusedAsync(request, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("""{"action":"opened","installation":{"id":1.5},"repository":{"full_name":1e3},"sender":{"login":-0.5}}""")]
    [InlineData("""{"action":"opened","installation":{"id":123456789012345678901234567890}}""")]
    public async Task Odd_numbers_where_ids_and_names_belong_are_stored_without_them_not_answered_500(string json)
    {
        var id = Guid.NewGuid().ToString();

        using var response = await Client.SendAsync(Deliveries.Signed("issues", json, id), Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var row = await Inbox.GetAsync(id, Ct);
        Assert.Equal((null, null, null, json), (row!.InstallationId, row.Repository, row.Sender, row.Payload));
    }

    [Fact]
    public async Task Refuses_a_signed_delivery_without_X_GitHub_Event_with_400()
    {
        var json = await IssueOpenedAsync();
        var request = Deliveries.Signed("issues", json);
        request.Headers.Remove("X-GitHub-Event");

        await AssertRefusedAsync(request, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Refuses_a_signed_delivery_without_X_GitHub_Delivery_with_400()
    {
        var json = await IssueOpenedAsync();
        var request = Deliveries.Signed("issues", json);
        request.Headers.Remove("X-GitHub-Delivery");
        var stored = await StoredCountAsync();

        using var response = await Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(stored, await StoredCountAsync());
    }

    [Fact]
    public async Task A_redelivery_is_answered_202_as_a_duplicate_and_stored_once()
    {
        var json = await IssueOpenedAsync();
        var id = Guid.NewGuid().ToString();
        var stored = await StoredCountAsync();

        using var first = await Client.SendAsync(Deliveries.Signed("issues", json, id), Ct);
        var row = await Inbox.GetAsync(id, Ct);
        using var second = await Client.SendAsync(Deliveries.Signed("issues", json, id), Ct);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal((id, InboxStatus.Pending), await AnswerAsync(first));
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal((id, "duplicate"), await AnswerAsync(second));
        Assert.Equal(stored + 1, await StoredCountAsync());
        Assert.Equal(row?.ReceivedAt, (await Inbox.GetAsync(id, Ct))?.ReceivedAt);
    }

    [Fact]
    public async Task With_a_second_secret_configured_deliveries_signed_with_either_secret_are_accepted()
    {
        var json = await IssueOpenedAsync();
        await using var rotating = AgentBotFactory.Create(fixture.GitHub).With("GitHub:WebhookSecrets:0", SecondSecret);
        using var client = rotating.CreateClient();
        var oldId = Guid.NewGuid().ToString();
        var newId = Guid.NewGuid().ToString();

        using var withOld = await client.SendAsync(Deliveries.Signed("issues", json, oldId, AgentBotFactory.WebhookSecret), Ct);
        using var withNew = await client.SendAsync(Deliveries.Signed("issues", json, newId, SecondSecret), Ct);
        using var withNeither = await client.SendAsync(Deliveries.Signed("issues", json, secret: WrongSecret), Ct);

        Assert.Equal(HttpStatusCode.Accepted, withOld.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, withNew.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withNeither.StatusCode);
        var inbox = rotating.Service<Inbox>();
        Assert.NotNull(await inbox.GetAsync(oldId, Ct));
        Assert.NotNull(await inbox.GetAsync(newId, Ct));
    }

    [Fact]
    public async Task In_local_mode_a_delivery_is_answered_503_naming_GitHub_WebhookSecret()
    {
        var json = await IssueOpenedAsync();
        await using var local = new AgentBotFactory();
        using var client = local.CreateClient();

        using var response = await client.SendAsync(Deliveries.Signed("issues", json), Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct);
        Assert.Contains("GitHub:WebhookSecret", problem?.Detail);
    }

    [Theory]
    [InlineData(AgentBotFactory.WebhookSecret)]
    [InlineData("sécret 🔑 with non-ASCII")]
    public async Task Our_signature_agrees_with_octokit_webhooks_methods_both_ways_on_a_payload_with_non_ASCII_text(string secret)
    {
        var json = await NonAsciiPayloadAsync();
        var body = Encoding.UTF8.GetBytes(json);

        var theirs = await WebhookExamples.SignWithOctokitAsync(secret, json);
        var ours = WebhookSignature.Sign(body, secret);

        Assert.Equal(theirs, ours);
        Assert.True(WebhookSignature.IsValid(theirs, body, [secret]));
        Assert.True(await WebhookExamples.VerifyWithOctokitAsync(secret, json, ours));
        Assert.False(await WebhookExamples.VerifyWithOctokitAsync(WrongSecret, json, ours));
    }

    [Fact]
    public async Task A_delivery_signed_by_octokit_webhooks_methods_is_accepted_and_stored_byte_for_byte()
    {
        var json = await NonAsciiPayloadAsync();
        var signature = await WebhookExamples.SignWithOctokitAsync(AgentBotFactory.WebhookSecret, json);
        var id = Guid.NewGuid().ToString();
        var request = Deliveries.Unsigned("dependabot_alert", Encoding.UTF8.GetBytes(json), id);
        request.Headers.Add("X-Hub-Signature-256", signature);

        using var response = await Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(json, (await Inbox.GetAsync(id, Ct))?.Payload);
    }

    [Theory]
    [InlineData("issues", typeof(IssuesEvent))]
    [InlineData("issue_comment", typeof(IssueCommentEvent))]
    [InlineData("pull_request", typeof(PullRequestEvent))]
    [InlineData("pull_request_review", typeof(PullRequestReviewEvent))]
    [InlineData("check_run", typeof(CheckRunEvent))]
    [InlineData("push", typeof(PushEvent))]
    [InlineData("installation", typeof(InstallationEvent))]
    [InlineData("installation_repositories", typeof(InstallationRepositoriesEvent))]
    public async Task Every_example_of_a_used_event_parses_into_its_typed_record(string eventName, Type expected)
    {
        var examples = await ExamplesAsync();

        foreach (var example in examples.Examples(eventName, null))
        {
            var payload = WebhookPayload.Parse(eventName, example.Json);

            Assert.IsType(expected, payload);
            var node = JsonNode.Parse(example.Json)!;
            Assert.Equal(example.Action, payload.Action);
            Assert.Equal((string?)node["sender"]?["login"], payload.Sender?.Login);
            Assert.Equal((string?)node["repository"]?["full_name"], payload.Repository?.FullName);
            Assert.Equal((long?)node["installation"]?["id"], payload.Installation?.Id);
        }
    }

    [Fact]
    public async Task Unused_events_parse_to_nothing()
    {
        var examples = await ExamplesAsync();

        Assert.Null(WebhookPayload.Parse("star", examples.Payloads("star", "created")[0]));
    }

    [Fact]
    public async Task A_labeled_issue_reads_its_number_and_the_label_added()
    {
        var examples = await ExamplesAsync();

        foreach (var json in examples.Payloads("issues", "labeled"))
        {
            var payload = Assert.IsType<IssuesEvent>(WebhookPayload.Parse("issues", json));

            Assert.Equal(1, payload.Issue.Number);
            Assert.Equal("bug", payload.Label?.Name);
            Assert.Contains("bug", payload.Issue.Labels?.Select(l => l.Name) ?? []);
            Assert.Null(payload.Issue.PullRequest);
        }
    }

    [Fact]
    public async Task A_created_comment_reads_its_body_and_issue_number()
    {
        var examples = await ExamplesAsync();

        foreach (var json in examples.Payloads("issue_comment", "created"))
        {
            var payload = Assert.IsType<IssueCommentEvent>(WebhookPayload.Parse("issue_comment", json));

            var node = JsonNode.Parse(json)!;
            Assert.Equal((string?)node["comment"]!["body"], payload.Comment.Body);
            Assert.Equal((long)node["comment"]!["id"]!, payload.Comment.Id);
            Assert.Equal((int)node["issue"]!["number"]!, payload.Issue.Number);
        }
    }

    [Fact]
    public async Task A_pull_request_reads_its_head_and_base_and_is_not_from_a_fork_when_both_are_in_one_repository()
    {
        var examples = await ExamplesAsync();

        foreach (var json in examples.Payloads("pull_request", null))
        {
            var payload = Assert.IsType<PullRequestEvent>(WebhookPayload.Parse("pull_request", json));

            Assert.Equal(2, payload.Number);
            Assert.Equal("changes", payload.PullRequest.Head.Ref);
            Assert.Equal("master", payload.PullRequest.Base.Ref);
            Assert.Equal("Codertocat/Hello-World", payload.PullRequest.Base.Repo?.FullName);
            Assert.False(WorkEventFactory.IsFork(payload.PullRequest));
        }
    }

    [Theory]
    [InlineData("{\"full_name\": \"someone-else/Hello-World\", \"id\": 1, \"name\": \"Hello-World\"}")]
    [InlineData("null")]
    public async Task A_pull_request_whose_head_is_in_another_or_a_deleted_repository_is_from_a_fork(string headRepo)
    {
        var examples = await ExamplesAsync();
        var node = JsonNode.Parse(examples.Payloads("pull_request", "opened")[0])!;
        node["pull_request"]!["head"]!["repo"] = JsonNode.Parse(headRepo);

        var payload = Assert.IsType<PullRequestEvent>(WebhookPayload.Parse("pull_request", node.ToJsonString()));

        Assert.True(WorkEventFactory.IsFork(payload.PullRequest));
        Assert.True(WorkEventFactory.From("pull_request", payload, []).FromFork);
    }

    [Fact]
    public async Task A_submitted_review_reads_its_state_and_pull_request()
    {
        var examples = await ExamplesAsync();

        foreach (var json in examples.Payloads("pull_request_review", "submitted"))
        {
            var payload = Assert.IsType<PullRequestReviewEvent>(WebhookPayload.Parse("pull_request_review", json));

            var node = JsonNode.Parse(json)!;
            Assert.Equal((string?)node["review"]!["state"], payload.Review.State);
            Assert.Equal((int)node["pull_request"]!["number"]!, payload.PullRequest.Number);
            Assert.Equal((string?)node["pull_request"]!["head"]!["ref"], payload.PullRequest.Head.Ref);
        }
    }

    [Fact]
    public async Task A_check_run_requested_action_reads_the_identifier_of_the_button()
    {
        var examples = await ExamplesAsync();
        var json = examples.Payloads("check_run", "requested_action")[0];

        var payload = Assert.IsType<CheckRunEvent>(WebhookPayload.Parse("check_run", json));

        var node = JsonNode.Parse(json)!;
        Assert.Equal((string?)node["requested_action"]!["identifier"], payload.RequestedAction?.Identifier);
        Assert.Equal((string?)node["check_run"]!["name"], payload.CheckRun.Name);
        Assert.Equal((string?)node["check_run"]!["head_sha"], payload.CheckRun.HeadSha);
        Assert.Equal((long?)node["check_run"]!["app"]?["id"], payload.CheckRun.App?.Id);
    }

    [Fact]
    public async Task A_push_to_a_branch_reads_the_ref_and_every_changed_path()
    {
        var examples = await ExamplesAsync();
        var json = examples.Payloads("push", null).First(p => JsonNode.Parse(p)!["ref"]!.GetValue<string>().StartsWith("refs/heads/", StringComparison.Ordinal));

        var payload = Assert.IsType<PushEvent>(WebhookPayload.Parse("push", json));

        Assert.Equal("refs/heads/master", payload.Ref);
        Assert.Equal("master", payload.Branch);
        Assert.Equal(["README.md"], payload.Commits?.SelectMany(c => c.Paths));
    }

    [Fact]
    public async Task A_push_of_a_tag_has_no_branch()
    {
        var examples = await ExamplesAsync();
        var json = examples.Payloads("push", null).First(p => JsonNode.Parse(p)!["ref"]!.GetValue<string>().StartsWith("refs/tags/", StringComparison.Ordinal));

        var payload = Assert.IsType<PushEvent>(WebhookPayload.Parse("push", json));

        Assert.Equal("refs/tags/simple-tag", payload.Ref);
        Assert.Null(payload.Branch);
    }

    [Fact]
    public async Task Installation_events_read_the_installation_and_its_repositories()
    {
        var examples = await ExamplesAsync();

        var created = Assert.IsType<InstallationEvent>(WebhookPayload.Parse("installation", examples.Payloads("installation", "created")[0]));
        var added = Assert.IsType<InstallationRepositoriesEvent>(
            WebhookPayload.Parse("installation_repositories", examples.Payloads("installation_repositories", "added")[0]));
        var removed = Assert.IsType<InstallationRepositoriesEvent>(
            WebhookPayload.Parse("installation_repositories", examples.Payloads("installation_repositories", "removed")[0]));

        Assert.Equal(957387, created.Installation?.Id);
        Assert.Single(created.Repositories ?? []);
        Assert.Single(added.RepositoriesAdded ?? []);
        Assert.Empty(added.RepositoriesRemoved ?? []);
        Assert.Single(removed.RepositoriesRemoved ?? []);
    }

    private static async Task<WebhookExamples> ExamplesAsync()
    {
        var examples = await WebhookExamples.LoadAsync();
        if (examples is null)
        {
            Assert.Skip("node and npm are not installed: GitHub's recorded webhook payloads (@octokit/webhooks-examples) cannot be installed; .ci/run installs them");
        }

        return examples;
    }

    private static async Task<string> IssueOpenedAsync() => (await ExamplesAsync()).Payloads("issues", "opened")[0];

    /// <summary>The recorded payload with characters outside ASCII (an emoji), where UTF-8 handling could go wrong.</summary>
    private static async Task<string> NonAsciiPayloadAsync() =>
        (await ExamplesAsync()).All.First(e => e.Json.Any(c => c > '\u007f')).Json;

    /// <summary>What intake stored: GitHub's headers, the indexed fields as the payload has them, and the payload text unchanged.</summary>
    private static void AssertStoredAsSent(string eventName, string json, InboxItem row)
    {
        var node = JsonNode.Parse(json)!;
        Assert.Equal(eventName, row.Event);
        Assert.Equal((string?)node["action"], row.Action);
        Assert.Equal((long?)node["installation"]?["id"], row.InstallationId);
        Assert.Equal((string?)node["repository"]?["full_name"], row.Repository);
        Assert.Equal((string?)node["sender"]?["login"], row.Sender);
        Assert.Equal(json, row.Payload);
    }

    /// <summary>The answer's exact shape: {"delivery": id, "status": …} and nothing else.</summary>
    private static async Task<(string Delivery, string Status)> AnswerAsync(HttpResponseMessage response)
    {
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
        Assert.Equal(["delivery", "status"], answer.Select(p => p.Key).Order(StringComparer.Ordinal));
        return (answer["delivery"]!.GetValue<string>(), answer["status"]!.GetValue<string>());
    }

    private async Task<int> StoredCountAsync() => (await Inbox.CountByStatusAsync(Ct)).Values.Sum();

    /// <summary>The status, a problem answer, and nothing stored: neither under the delivery id nor anywhere else.</summary>
    private async Task AssertRefusedAsync(HttpRequestMessage request, HttpStatusCode expected)
    {
        var id = request.Headers.GetValues("X-GitHub-Delivery").Single();
        var stored = await StoredCountAsync();

        using var response = await Client.SendAsync(request, Ct);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(await Inbox.GetAsync(id, Ct));
        Assert.Equal(stored, await StoredCountAsync());
        request.Dispose();
    }
}

/// <summary>
/// A signed-able JSON object body (<c>{"action":"created","padding":"aaa…"}</c>) of exactly the given size, produced
/// lazily as the server reads it, counting the bytes offered to it. Without an announced length HttpClient
/// sends it with chunked transfer encoding.
/// </summary>
file sealed class PaddedJsonContent(long size, bool announceLength) : HttpContent
{
    private static readonly byte[] Head = "{\"action\":\"created\",\"padding\":\""u8.ToArray();
    private static readonly byte[] Tail = "\"}"u8.ToArray();
    private long _produced;

    public long Produced => Interlocked.Read(ref _produced);

    public static string Sign(long size, string secret)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        foreach (var chunk in Chunks(size))
        {
            hmac.AppendData(chunk.Span);
        }

        return "sha256=" + Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        foreach (var chunk in Chunks(size))
        {
            // Counted before the write: a write the server never completes still counts as offered.
            Interlocked.Add(ref _produced, chunk.Length);
            await stream.WriteAsync(chunk, cancellationToken);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = size;
        return announceLength;
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Chunks(long size)
    {
        var block = new byte[64 * 1024];
        Array.Fill(block, (byte)'a');
        yield return Head;
        for (var left = size - Head.Length - Tail.Length; left > 0; left -= block.Length)
        {
            yield return block.AsMemory(0, (int)Math.Min(block.Length, left));
        }

        yield return Tail;
    }
}
