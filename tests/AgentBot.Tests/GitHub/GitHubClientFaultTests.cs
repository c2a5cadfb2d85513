using System.Net;
using AgentBot.GitHub.Http;
using AgentBot.Testing;

namespace AgentBot.Tests.GitHub;

/// <summary>Faults GitHub really produces, survived or surfaced as they should be; every wait is on a manual clock.</summary>
public sealed class GitHubClientFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // A day-long attempt timeout keeps its timer out of the way of the retry timers these tests move the clock to.
    private static Task<GitHubHarness> StartAsync(ManualTimeProvider clock, string maxRateLimitWait = "01:00:00") =>
        GitHubHarness.StartAsync(clock, new Dictionary<string, string?> { ["GitHub:RequestTimeout"] = "1.00:00:00", ["GitHub:MaxRateLimitWait"] = maxRateLimitWait });

    /// <summary>Moves the clock to each retry timer until the call ends; nothing sleeps.</summary>
    private static async Task<T> DriveAsync<T>(ManualTimeProvider clock, Task<T> call)
    {
        var horizon = clock.GetUtcNow() + TimeSpan.FromHours(2);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!call.IsCompleted)
        {
            await Task.WhenAny(call, Task.Delay(5, Ct));
            if (clock.NextDue is { } due && due <= horizon && !call.IsCompleted)
            {
                clock.Advance(due > clock.GetUtcNow() ? due - clock.GetUtcNow() : TimeSpan.Zero);
            }

            Assert.True(DateTime.UtcNow < deadline, "the call neither finished nor waited on the clock");
        }

        return await call;
    }

    /// <summary>Waits until the call sleeps on a retry timer (the attempt timeout, a day away, does not count).</summary>
    private static async Task WaitForRetryTimerAsync(ManualTimeProvider clock)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (clock.NextDue is not { } due || due > clock.GetUtcNow() + TimeSpan.FromHours(2))
        {
            Assert.True(DateTime.UtcNow < deadline, "no retry timer was started");
            await Task.Delay(5, Ct);
        }
    }

    [Fact]
    public async Task A_burst_of_502s_then_success_succeeds()
    {
        var clock = new ManualTimeProvider();
        await using var h = await StartAsync(clock);
        var fault = h.GitHub.Faults.For("GET", "/repos/octo/hello").Status(502, times: 3);

        var repo = await DriveAsync(clock, h.Client.Repositories.GetAsync("octo", "hello", Ct));

        Assert.Equal("hello", repo.Name);
        Assert.Equal(0, fault.Remaining);
        Assert.Equal([502, 502, 502, 200], h.GitHub.RequestsTo("GET", "/repos/octo/hello").Select(r => r.StatusCode));
        Assert.Contains(h.Logs.Lines, l => l.Message.Contains("transient failure on GET /repos/octo/hello (status 502", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Gives_up_after_the_configured_retries_with_the_last_answer()
    {
        var clock = new ManualTimeProvider();
        await using var h = await StartAsync(clock);
        h.GitHub.Faults.For("GET", "/repos/octo/hello").Status(503, times: 10);

        var ex = await Assert.ThrowsAsync<GitHubApiException>(() => DriveAsync(clock, h.Client.Repositories.GetAsync("octo", "hello", Ct)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.Status);
        Assert.Equal(5, h.GitHub.RequestsTo("GET", "/repos/octo/hello").Count);
    }

    [Fact]
    public async Task A_dropped_connection_is_retried()
    {
        var clock = new ManualTimeProvider();
        await using var h = await StartAsync(clock);
        h.GitHub.Faults.For("GET", "/repos/octo/hello").Abort(times: 2);

        var repo = await DriveAsync(clock, h.Client.Repositories.GetAsync("octo", "hello", Ct));

        Assert.Equal("hello", repo.Name);
        Assert.Equal(3, h.GitHub.RequestsTo("GET", "/repos/octo/hello").Count);
    }

    [Fact]
    public async Task The_primary_rate_limit_waits_until_the_reset()
    {
        var clock = new ManualTimeProvider();
        await using var h = await StartAsync(clock);
        await h.Client.Repositories.GetAsync("octo", "hello", Ct); // token fetched; only the next call meets the limit
        var reset = clock.GetUtcNow().AddMinutes(20);
        h.GitHub.Faults.For("GET", "/repos/octo/hello/issues/1").PrimaryRateLimit(reset);
        h.Repo.AddIssue(1, "t");

        var call = h.Client.Issues.GetAsync("octo", "hello", 1, Ct);
        await WaitForRetryTimerAsync(clock);

        Assert.Equal(reset.AddSeconds(1), clock.NextDue);
        clock.Advance(TimeSpan.FromMinutes(19));
        await Task.Delay(50, Ct);
        Assert.False(call.IsCompleted);
        Assert.Single(h.GitHub.RequestsTo("GET", "/repos/octo/hello/issues/1"));
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var issue = await call.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(1, issue.Number);
        Assert.Equal([403, 200], h.GitHub.RequestsTo("GET", "/repos/octo/hello/issues/1").Select(r => r.StatusCode));
    }

    [Theory]
    [InlineData(403, 30)]
    [InlineData(429, 90)]
    public async Task A_secondary_limit_honours_retry_after(int status, int seconds)
    {
        var clock = new ManualTimeProvider();
        await using var h = await StartAsync(clock);
        await h.Client.Repositories.GetAsync("octo", "hello", Ct);
        h.GitHub.Faults.For("POST", "/repos/octo/hello/issues/2/comments").SecondaryRateLimit(TimeSpan.FromSeconds(seconds), status);
        h.Repo.AddIssue(2, "t");

        var call = h.Client.Issues.CreateCommentAsync("octo", "hello", 2, "hi", Ct);
        await WaitForRetryTimerAsync(clock);

        Assert.Equal(clock.GetUtcNow().AddSeconds(seconds), clock.NextDue);
        clock.Advance(TimeSpan.FromSeconds(seconds - 1));
        await Task.Delay(50, Ct);
        Assert.False(call.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await call.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Single(h.Repo.CommentsOn(2));
    }

    [Fact]
    public async Task A_secondary_limit_without_retry_after_waits_a_minute()
    {
        var clock = new ManualTimeProvider();
        await using var h = await StartAsync(clock);
        await h.Client.Repositories.GetAsync("octo", "hello", Ct);
        h.GitHub.Faults.For("GET", "/repos/octo/hello/issues/3").SecondaryRateLimit(retryAfter: null);
        h.Repo.AddIssue(3, "t");

        var call = h.Client.Issues.GetAsync("octo", "hello", 3, Ct);
        await WaitForRetryTimerAsync(clock);

        Assert.Equal(clock.GetUtcNow().AddMinutes(1), clock.NextDue);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(3, (await call.WaitAsync(TimeSpan.FromSeconds(10), Ct)).Number);
    }

    [Fact]
    public async Task A_rate_limit_longer_than_the_longest_wait_fails_at_once()
    {
        var clock = new ManualTimeProvider();
        await using var h = await StartAsync(clock, maxRateLimitWait: "00:10:00");
        await h.Client.Repositories.GetAsync("octo", "hello", Ct);
        h.GitHub.Faults.For("GET", "/repos/octo/hello/issues/4").PrimaryRateLimit(clock.GetUtcNow().AddMinutes(45));
        h.Repo.AddIssue(4, "t");

        var ex = await Assert.ThrowsAsync<GitHubApiException>(() => h.Client.Issues.GetAsync("octo", "hello", 4, Ct));

        Assert.Equal(HttpStatusCode.Forbidden, ex.Status);
        Assert.StartsWith("API rate limit exceeded", ex.GitHubMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_422_fails_at_once_with_GitHubs_message()
    {
        await using var h = await GitHubHarness.StartAsync();
        var sha = h.Repo.CommitFiles("main", "seed", new Dictionary<string, string> { ["a"] = "1" });
        await h.Client.Git.CreateReferenceAsync("octo", "hello", "heads/x", sha, Ct);

        var ex = await Assert.ThrowsAsync<GitHubApiException>(() => h.Client.Git.CreateReferenceAsync("octo", "hello", "heads/x", sha, Ct));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, ex.Status);
        Assert.Equal("Reference already exists", ex.GitHubMessage);
        Assert.Equal(2, h.GitHub.RequestsTo("POST", "/repos/octo/hello/git/refs").Count);
    }

    [Fact]
    public async Task Fifty_concurrent_callers_share_one_token_request()
    {
        await using var h = await GitHubHarness.StartAsync();
        h.GitHub.Faults.For("POST", "/app/installations/1/access_tokens").Delay(TimeSpan.FromMilliseconds(300));
        var client = h.Client;

        var repos = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => client.Repositories.GetAsync("octo", "hello", Ct), Ct)));

        Assert.All(repos, r => Assert.Equal("hello", r.Name));
        Assert.Equal(1, h.GitHub.TokensIssued(1));
        Assert.Single(h.GitHub.RequestsTo("POST", "/app/installations/1/access_tokens"));
    }

    [Fact]
    public async Task A_token_is_reused_until_five_minutes_before_it_expires()
    {
        var clock = new ManualTimeProvider();
        await using var h = await StartAsync(clock);

        await h.Client.Repositories.GetAsync("octo", "hello", Ct);
        clock.Advance(TimeSpan.FromMinutes(54));
        await h.Client.Repositories.GetAsync("octo", "hello", Ct);
        Assert.Equal(1, h.GitHub.TokensIssued(1));
        clock.Advance(TimeSpan.FromMinutes(2));
        await h.Client.Repositories.GetAsync("octo", "hello", Ct);

        Assert.Equal(2, h.GitHub.TokensIssued(1));
    }

    [Fact]
    public async Task A_revoked_token_is_replaced_once()
    {
        await using var h = await GitHubHarness.StartAsync();
        await h.Client.Repositories.GetAsync("octo", "hello", Ct);
        h.GitHub.RevokeTokens();

        var repo = await h.Client.Repositories.GetAsync("octo", "hello", Ct);

        Assert.Equal("hello", repo.Name);
        Assert.Equal(2, h.GitHub.TokensIssued(1));
        // The retry with the new token is still a conditional request.
        Assert.Equal([200, 401, 304], h.GitHub.RequestsTo("GET", "/repos/octo/hello").Select(r => r.StatusCode));
    }

    [Fact]
    public async Task No_token_jwt_or_key_appears_in_any_log_line()
    {
        var clock = new ManualTimeProvider();
        await using var h = await StartAsync(clock);
        h.Repo.AddIssue(6, "t");
        h.GitHub.Faults.For("GET", "/repos/octo/hello/issues/6").Status(502, times: 1);

        await h.Client.Repositories.GetAsync("octo", "hello", Ct);
        await DriveAsync(clock, h.Client.Issues.GetAsync("octo", "hello", 6, Ct));
        await h.Client.Issues.CreateCommentAsync("octo", "hello", 6, "hello", Ct);
        h.GitHub.RevokeTokens();
        await h.Client.Issues.GetAsync("octo", "hello", 6, Ct);
        await Assert.ThrowsAsync<GitHubApiException>(() => h.Client.Issues.GetAsync("octo", "hello", 404, Ct));

        var secrets = h.GitHub.Requests
            .Select(r => r.Header("Authorization"))
            .OfType<string>()
            .Select(a => a["Bearer ".Length..])
            .Distinct()
            .ToList();
        var keyLines = h.GitHub.App.PrivateKeyPem.Split('\n').Where(l => l.Length > 20 && !l.StartsWith("-----", StringComparison.Ordinal));
        var logs = h.Logs.AllText;
        Assert.Equal(3, secrets.Count); // one app JWT (reused for the second exchange), two installation tokens
        Assert.Contains("/repos/octo/hello/issues/6", logs); // HTTP traffic was logged at every level, headers included
        Assert.All(secrets.Concat(keyLines), s => Assert.DoesNotContain(s, logs, StringComparison.Ordinal));
        Assert.DoesNotContain("ghs_", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", logs, StringComparison.Ordinal);
    }
}
