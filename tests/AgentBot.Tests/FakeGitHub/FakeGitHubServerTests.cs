using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentBot.Testing;
using AgentBot.Testing.FakeGitHub;

namespace AgentBot.Tests.FakeGitHub;

public sealed class FakeGitHubServerTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Binds_to_127_0_0_1_on_a_random_port()
    {
        await using var first = await FakeGitHubServer.StartAsync();
        await using var second = await FakeGitHubServer.StartAsync();

        Assert.Equal("127.0.0.1", first.BaseUrl.Host);
        Assert.Equal("/", first.BaseUrl.AbsolutePath);
        Assert.NotEqual(0, first.BaseUrl.Port);
        Assert.NotEqual(first.BaseUrl.Port, second.BaseUrl.Port);
        using var client = FakeGitHubHttp.Create(first);
        var response = await client.GetAsync("nothing/here", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Every_answer_carries_GitHubs_headers_and_an_unknown_route_is_recorded_as_unhandled()
    {
        await using var fake = await FakeGitHubServer.StartAsync(new ManualTimeProvider());
        using var client = FakeGitHubHttp.Create(fake, fake.IssueToken());

        var first = await client.GetAsync("repos/octo/hello/no-such-thing?x=1", Cancel);
        var second = await client.GetAsync("nothing", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal("application/json; charset=utf-8", first.Content.Headers.ContentType!.ToString());
        Assert.Equal("Not Found", (await first.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["message"]!.GetValue<string>());
        Assert.Equal("FAKE:0001", first.Header("x-github-request-id"));
        Assert.Equal("FAKE:0002", second.Header("x-github-request-id"));
        Assert.Equal("5000", first.Header("x-ratelimit-limit"));
        Assert.Equal("4999", first.Header("x-ratelimit-remaining"));
        Assert.Equal("4998", second.Header("x-ratelimit-remaining"));
        Assert.Equal("2", second.Header("x-ratelimit-used"));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 13, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds().ToString(), first.Header("x-ratelimit-reset"));
        Assert.Equal("core", first.Header("x-ratelimit-resource"));
        var unhandled = Assert.Single(fake.UnhandledRequests, r => r.Path == "/repos/octo/hello/no-such-thing");
        Assert.Equal("?x=1", unhandled.Query);
        Assert.Equal(404, unhandled.StatusCode);
        Assert.Equal(2, fake.UnhandledRequests.Count);
    }

    [Fact]
    public async Task A_repos_request_without_a_valid_installation_token_gets_401_bad_credentials()
    {
        await using var fake = await FakeGitHubServer.StartAsync(new ManualTimeProvider());
        fake.AddRepository("octo", "hello");
        using var anonymous = FakeGitHubHttp.Create(fake);
        using var forged = FakeGitHubHttp.Create(fake, "ghs_" + new string('x', 36));

        var withoutToken = await anonymous.GetAsync("repos/octo/hello", Cancel);
        var withForgedToken = await forged.GetAsync("repos/octo/hello", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withForgedToken.StatusCode);
        var body = await withoutToken.Content.ReadFromJsonAsync<JsonObject>(Cancel);
        Assert.Equal("Bad credentials", body!["message"]!.GetValue<string>());
        Assert.StartsWith("https://docs.github.com/", body["documentation_url"]!.GetValue<string>());
        Assert.All(fake.Requests, r => Assert.Equal(401, r.StatusCode));
    }

    [Fact]
    public async Task An_installation_token_expires_an_hour_later_by_the_fakes_clock()
    {
        var clock = new ManualTimeProvider();
        await using var fake = await FakeGitHubServer.StartAsync(clock);
        fake.AddRepository("octo", "hello");
        using var client = FakeGitHubHttp.Create(fake, fake.IssueToken());

        var fresh = await client.GetAsync("repos/octo/hello", Cancel);
        clock.Advance(TimeSpan.FromHours(1));
        var expired = await client.GetAsync("repos/octo/hello", Cancel);

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }

    [Fact]
    public async Task Pagination_sends_GitHubs_Link_header_across_three_pages()
    {
        await using var fake = await FakeGitHubServer.StartAsync(new ManualTimeProvider());
        var repo = fake.AddRepository("octo", "hello");
        repo.AddIssue(1, "Bug", "It breaks");
        for (var i = 1; i <= 5; i++)
        {
            repo.AddComment(1, "alice", $"comment {i}");
        }

        using var client = FakeGitHubHttp.Create(fake, fake.IssueToken());
        var url = $"{fake.BaseUrl}repos/octo/hello/issues/1/comments?per_page=2";

        var first = await client.GetAsync("repos/octo/hello/issues/1/comments?per_page=2", Cancel);
        var second = await client.GetAsync("repos/octo/hello/issues/1/comments?per_page=2&page=2", Cancel);
        var third = await client.GetAsync("repos/octo/hello/issues/1/comments?per_page=2&page=3", Cancel);

        Assert.Equal($"<{url}&page=2>; rel=\"next\", <{url}&page=3>; rel=\"last\"", first.Header("Link"));
        Assert.Equal(
            $"<{url}&page=1>; rel=\"prev\", <{url}&page=3>; rel=\"next\", <{url}&page=3>; rel=\"last\", <{url}&page=1>; rel=\"first\"",
            second.Header("Link"));
        Assert.Equal($"<{url}&page=2>; rel=\"prev\", <{url}&page=1>; rel=\"first\"", third.Header("Link"));
        Assert.Equal(["comment 1", "comment 2"], await Bodies(first));
        Assert.Equal(["comment 3", "comment 4"], await Bodies(second));
        Assert.Equal(["comment 5"], await Bodies(third));

        static async Task<string[]> Bodies(HttpResponseMessage response) =>
            [.. (await response.Content.ReadFromJsonAsync<JsonArray>(Cancel))!.Select(c => c!["body"]!.GetValue<string>())];
    }

    [Fact]
    public async Task A_matching_If_None_Match_gets_304_without_a_body_and_costs_no_rate_limit()
    {
        await using var fake = await FakeGitHubServer.StartAsync(new ManualTimeProvider());
        fake.AddRepository("octo", "hello");
        using var client = FakeGitHubHttp.Create(fake, fake.IssueToken());

        var first = await client.GetAsync("repos/octo/hello", Cancel);
        var etag = first.Headers.ETag!;
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "repos/octo/hello");
        conditional.Headers.IfNoneMatch.Add(etag);
        var second = await client.SendAsync(conditional, Cancel);
        using var stale = new HttpRequestMessage(HttpMethod.Get, "repos/octo/hello");
        stale.Headers.IfNoneMatch.ParseAdd("\"something-else\"");
        var third = await client.SendAsync(stale, Cancel);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.StartsWith("\"", etag.Tag);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(first.Header("x-ratelimit-remaining"), second.Header("x-ratelimit-remaining"));
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(etag, third.Headers.ETag);
        Assert.Equal("4998", third.Header("x-ratelimit-remaining"));
    }

    [Fact]
    public async Task A_queued_502_for_two_requests_is_consumed_and_recorded()
    {
        await using var fake = await FakeGitHubServer.StartAsync(new ManualTimeProvider());
        fake.AddRepository("octo", "hello");
        using var client = FakeGitHubHttp.Create(fake, fake.IssueToken());
        var fault = fake.Faults.For("GET", "/repos/octo/hello").Status(502, times: 2);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.GetAsync("repos/octo/hello", Cancel)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.BadGateway, HttpStatusCode.BadGateway, HttpStatusCode.OK], statuses);
        Assert.Equal(0, fault.Remaining);
        Assert.Empty(fake.Faults.Pending);
        Assert.Equal(["Status(502)", "Status(502)", null], fake.RequestsTo("GET", "/repos/octo/hello").Select(r => r.Fault));
    }

    [Fact]
    public async Task Rate_limit_faults_send_GitHubs_headers_and_messages()
    {
        var clock = new ManualTimeProvider();
        await using var fake = await FakeGitHubServer.StartAsync(clock);
        fake.AddRepository("octo", "hello");
        using var client = FakeGitHubHttp.Create(fake, fake.IssueToken());
        var reset = clock.GetUtcNow().AddMinutes(7);
        fake.Faults.PrimaryRateLimit(reset);
        fake.Faults.SecondaryRateLimit(TimeSpan.FromSeconds(30), status: 429);

        var primary = await client.GetAsync("repos/octo/hello", Cancel);
        var secondary = await client.GetAsync("repos/octo/hello", Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, primary.StatusCode);
        Assert.Equal("0", primary.Header("x-ratelimit-remaining"));
        Assert.Equal(reset.ToUnixTimeSeconds().ToString(), primary.Header("x-ratelimit-reset"));
        Assert.StartsWith("API rate limit exceeded", (await primary.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["message"]!.GetValue<string>());
        Assert.Equal((HttpStatusCode)429, secondary.StatusCode);
        Assert.Equal("30", secondary.Header("retry-after"));
        Assert.Contains("secondary rate limit", (await secondary.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_aborted_request_fails_on_the_client_and_the_next_one_succeeds()
    {
        await using var fake = await FakeGitHubServer.StartAsync(new ManualTimeProvider());
        fake.AddRepository("octo", "hello");
        using var client = FakeGitHubHttp.Create(fake, fake.IssueToken());
        fake.Faults.For(r => r.Path.EndsWith("/hello", StringComparison.Ordinal)).Abort();

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("repos/octo/hello", Cancel));
        var retried = await client.GetAsync("repos/octo/hello", Cancel);

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("Abort", fake.Requests[0].Fault);
    }

    [Fact]
    public async Task Many_concurrent_requests_are_all_served_and_recorded()
    {
        await using var fake = await FakeGitHubServer.StartAsync(new ManualTimeProvider());
        var repo = fake.AddRepository("octo", "hello");
        repo.AddIssue(1, "Bug", "It breaks");
        using var client = FakeGitHubHttp.Create(fake, fake.IssueToken());
        fake.Faults.Delay(TimeSpan.FromMilliseconds(50), times: 10);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            client.PostAsJsonAsync("repos/octo/hello/issues/1/comments", new { body = $"comment {i}" }, Cancel)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(50, repo.CommentsOn(1).Select(c => c.Id).Distinct().Count());
        Assert.Equal(50, responses.Select(r => r.Header("x-github-request-id")).Distinct().Count());
        Assert.Equal(50, fake.Requests.Count);
        Assert.Equal(10, fake.Requests.Count(r => r.Fault is not null));
        Assert.Equal(4950, fake.RateLimitRemaining);
    }
}
