using AgentBot.Runner.Models;
using Microsoft.Extensions.AI;

namespace AgentBot.Runner.Tests.Models;

/// <summary>Retries, timeouts and failures through both real SDKs against the fakes; every wait is on a manual clock.</summary>
public sealed class RetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<ChatResponse> Ask(ModelHarness h) => h.Client().GetResponseAsync([new(ChatRole.User, "Hi")], cancellationToken: Ct);

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    public async Task A_429_waits_as_long_as_retry_after_says_then_succeeds(string provider)
    {
        await using var h = await ModelHarness.StartAsync(provider);
        h.Reply.Status(429, retryAfter: TimeSpan.FromSeconds(20)).Text("after the wait");

        var call = Ask(h);
        var wait = await h.WaitForRetryTimerAsync();

        Assert.Equal(TimeSpan.FromSeconds(20), wait);
        h.Clock.Advance(TimeSpan.FromSeconds(19));
        await Task.Delay(50, Ct);
        Assert.False(call.IsCompleted);
        Assert.Single(h.Requests);
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        var response = await call.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal("after the wait", response.Text);
        Assert.Equal([429, 200], h.Requests.Select(r => r.StatusCode));
        Assert.Contains(h.Logs.Lines, l => l.Message.Contains($"Model call to {provider}/{h.ModelId} failed (status 429", StringComparison.Ordinal));
        Assert.Empty(h.UnexpectedRequests);
    }

    [Fact]
    public async Task OpenAIs_retry_after_ms_is_preferred_to_whole_seconds()
    {
        await using var h = await ModelHarness.OpenAIAsync();
        h.Reply.Status(429, retryAfter: TimeSpan.FromMilliseconds(1500)).Text("ok");

        var call = Ask(h);
        var wait = await h.WaitForRetryTimerAsync();
        h.Clock.Advance(wait);
        await call.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(TimeSpan.FromMilliseconds(1500), wait);
    }

    [Theory]
    [InlineData("openai", 500)]
    [InlineData("openai", 503)]
    [InlineData("anthropic", 500)]
    [InlineData("anthropic", 529)]
    public async Task A_burst_of_server_errors_then_success_succeeds(string provider, int status)
    {
        await using var h = await ModelHarness.StartAsync(provider);
        h.Reply.Status(status).Status(status).Status(status).Text("finally");

        var response = await h.DriveAsync(Ask(h));

        Assert.Equal("finally", response.Text);
        Assert.Equal([status, status, status, 200], h.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task Backoff_grows_exponentially_with_jitter()
    {
        await using var h = await ModelHarness.OpenAIAsync();
        h.Reply.Status(500).Status(500).Status(500).Text("ok");

        var call = Ask(h);
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            var wait = await h.WaitForRetryTimerAsync();
            waits.Add(wait);
            h.Clock.Advance(wait);
        }

        await call.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.InRange(waits[0], TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        Assert.InRange(waits[1], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        Assert.InRange(waits[2], TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4));
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    public async Task Gives_up_after_max_retries_with_a_model_call_exception_that_names_no_key(string provider)
    {
        await using var h = await ModelHarness.StartAsync(provider, p => p.MaxRetries = 2);
        h.Reply.Status(503, message: "Upstream overloaded").Status(503, message: "Upstream overloaded").Status(503, message: "Upstream overloaded");

        var ex = await Assert.ThrowsAsync<ModelCallException>(() => h.DriveAsync(Ask(h)));

        Assert.Equal(provider, ex.Provider);
        Assert.Equal(h.ModelId, ex.ModelId);
        Assert.Equal(503, ex.StatusCode);
        Assert.Equal(3, ex.Attempts);
        Assert.True(ex.Transient);
        Assert.Equal($"Model call to {provider}/{h.ModelId} failed after 3 attempts: HTTP 503: Upstream overloaded", ex.Message);
        Assert.Equal(3, h.Requests.Count);
        Assert.DoesNotContain(h.Options.Providers[provider].ApiKey!, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(h.Options.Providers[provider].ApiKey!, h.Logs.AllText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    public async Task A_wrong_key_fails_at_once_saying_which_setting_was_refused_without_the_key(string provider)
    {
        const string WrongKey = "sk-wrong-key-0987654321";
        await using var h = await ModelHarness.StartAsync(provider, p => p.ApiKey = WrongKey);

        var ex = await Assert.ThrowsAsync<ModelCallException>(() => Ask(h));

        Assert.Equal(401, ex.StatusCode);
        Assert.True(ex.IsUnauthorized);
        Assert.False(ex.Transient);
        Assert.Equal(1, ex.Attempts);
        Assert.Contains($"HTTP 401 (the API key from Models:Providers:{provider}:ApiKey was refused)", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey, ex.ToString(), StringComparison.Ordinal);
        Assert.Single(h.Requests);
        // The fake OpenAI quotes the whole key it was given (the real one quotes part of it): the client scrubbed it.
        Assert.Contains(WrongKey, h.Requests[0].Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_credential_names_the_credentials_key()
    {
        await using var h = await ModelHarness.OpenAIAsync();
        h.Options.Credentials["team-a"] = "sk-team-a-not-accepted";

        var ex = await Assert.ThrowsAsync<ModelCallException>(() =>
            h.Registry.Create(ModelHarness.Agent("coder", "openai/gpt-4.1", credential: "team-a")).GetResponseAsync([new(ChatRole.User, "Hi")], cancellationToken: Ct));

        Assert.Contains("the API key from Models:Credentials:team-a was refused", ex.Message, StringComparison.Ordinal);
        Assert.Equal("Bearer sk-team-a-not-accepted", h.Requests[0].Header("Authorization"));
        Assert.DoesNotContain("sk-team-a-not-accepted", ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    public async Task A_bad_request_is_not_retried(string provider)
    {
        await using var h = await ModelHarness.StartAsync(provider);
        h.Reply.Status(400, message: "max_tokens: too large").Text("never");

        var ex = await Assert.ThrowsAsync<ModelCallException>(() => Ask(h));

        Assert.Equal(400, ex.StatusCode);
        Assert.False(ex.Transient);
        Assert.EndsWith("HTTP 400: max_tokens: too large", ex.Message, StringComparison.Ordinal);
        Assert.Single(h.Requests);
    }

    [Fact]
    public async Task An_exhausted_quota_is_not_retried_although_it_is_a_429()
    {
        await using var h = await ModelHarness.OpenAIAsync();
        h.Reply.Status(429, message: "You exceeded your current quota.", code: "insufficient_quota").Text("never");

        var ex = await Assert.ThrowsAsync<ModelCallException>(() => Ask(h));

        Assert.Equal(429, ex.StatusCode);
        Assert.False(ex.Transient);
        Assert.Single(h.Requests);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    public async Task A_retry_after_longer_than_the_longest_wait_fails_at_once(string provider)
    {
        await using var h = await ModelHarness.StartAsync(provider, p => p.MaxRetryWait = TimeSpan.FromMinutes(1));
        h.Reply.Status(429, retryAfter: TimeSpan.FromMinutes(10)).Text("never");

        var ex = await Assert.ThrowsAsync<ModelCallException>(() => Ask(h));

        Assert.Contains($"longer than Models:Providers:{provider}:MaxRetryWait", ex.Message, StringComparison.Ordinal);
        Assert.Single(h.Requests);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    public async Task A_dropped_connection_is_retried(string provider)
    {
        await using var h = await ModelHarness.StartAsync(provider);
        h.Reply.Abort().Abort().Text("reconnected");

        var response = await h.DriveAsync(Ask(h));

        Assert.Equal("reconnected", response.Text);
        Assert.Equal(3, h.Requests.Count);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    public async Task An_attempt_that_times_out_is_abandoned_and_retried(string provider)
    {
        await using var h = await ModelHarness.StartAsync(provider, p => p.Timeout = TimeSpan.FromSeconds(30));
        h.Reply.Delay(TimeSpan.FromMinutes(10)).Text("second time lucky");

        var call = Ask(h);
        await WaitUntil(() => h.Requests.Count == 1);
        Assert.Equal(TimeSpan.FromSeconds(30), h.Clock.NextDue - h.Clock.GetUtcNow());
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        // The timed-out attempt's timer is gone; what remains is the backoff (at most a second before the second attempt).
        await WaitUntil(() => h.Clock.NextDue is { } due && due - h.Clock.GetUtcNow() <= TimeSpan.FromSeconds(1));
        h.Clock.Advance(h.Clock.NextDue!.Value - h.Clock.GetUtcNow());
        var response = await call.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal("second time lucky", response.Text);
        Assert.Equal(2, h.Requests.Count);
        await WaitUntil(() => h.Requests[0].Reply?.Contains("abandoned", StringComparison.Ordinal) == true);
        Assert.Contains(h.Logs.Lines, l => l.Message.Contains("no answer within 00:00:30", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_caller_cancellation_is_not_retried()
    {
        await using var h = await ModelHarness.OpenAIAsync();
        h.Reply.Delay(TimeSpan.FromMinutes(10)).Text("never");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var call = h.Client().GetResponseAsync([new(ChatRole.User, "Hi")], cancellationToken: cancel.Token);
        await WaitUntil(() => h.Requests.Count == 1);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(h.Requests);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not come true");
            await Task.Delay(5, Ct);
        }
    }
}
