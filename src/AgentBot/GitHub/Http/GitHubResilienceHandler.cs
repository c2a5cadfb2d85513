using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace AgentBot.GitHub.Http;

/// <summary>
/// Resilience below the GitHub client (Polly): 5xx answers, timeouts and connection failures are retried
/// with jittered exponential backoff; the primary rate limit waits until <c>x-ratelimit-reset</c>; secondary
/// limits wait as <c>retry-after</c> says (or a minute, doubling). Other 4xx answers are never retried.
/// All waiting goes through <see cref="TimeProvider"/>, so tests move a clock instead of sleeping.
/// </summary>
public sealed partial class GitHubResilienceHandler : DelegatingHandler
{
    private static readonly HttpRequestOptionsKey<RateLimit> RateLimitKey = new("agentbot.rate-limit");
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly TimeProvider _time;
    private readonly GitHubOptions _options;
    private readonly ILogger<GitHubResilienceHandler> _logger;

    public GitHubResilienceHandler(IOptions<GitHubOptions> options, TimeProvider time, ILogger<GitHubResilienceHandler> logger)
    {
        _time = time;
        _options = options.Value;
        _logger = logger;
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "github-rate-limit",
                MaxRetryAttempts = 5,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } r && Classify(r) is { } limit && limit.Wait <= _options.MaxRateLimitWait),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Outcome.Result is { } r && Classify(r) is { } limit
                    ? limit.Kind == RateLimit.SecondaryUnspecified ? limit.Wait * Math.Pow(2, args.AttemptNumber) : limit.Wait
                    : TimeSpan.Zero),
                OnRetry = args => OnRetry(args.Outcome, args.RetryDelay, "rate limit"),
            })
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "github-transient",
                MaxRetryAttempts = Math.Max(1, _options.MaxTransientRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(30),
                ShouldHandle = args => ValueTask.FromResult(_options.MaxTransientRetries > 0 && IsTransient(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } r ? RetryAfter(r) : null),
                OnRetry = args => OnRetry(args.Outcome, args.RetryDelay, "transient failure"),
            })
            .AddTimeout(_options.RequestTimeout)
            .Build();
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(
            async (state, token) =>
            {
                var response = await base.SendAsync(state, token);
                var limit = RateLimit.None;
                if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests)
                {
                    // Read once here: a secondary limit may be told only in the body's message.
                    var body = await response.Content.ReadAsStringAsync(token);
                    limit = RateLimit.From(response, body, _time.GetUtcNow()) ?? RateLimit.None;
                }

                // The same request message carries every attempt: each answer overwrites the last one's verdict.
                state.Options.Set(RateLimitKey, limit);
                return response;
            },
            request,
            cancellationToken).AsTask();

    private static RateLimit? Classify(HttpResponseMessage response) =>
        response.RequestMessage?.Options.TryGetValue(RateLimitKey, out var limit) == true && limit != RateLimit.None ? limit : null;

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } r } => (int)r.StatusCode >= 500,
        _ => false,
    };

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private ValueTask OnRetry(Outcome<HttpResponseMessage> outcome, TimeSpan delay, string reason)
    {
        var request = outcome.Result?.RequestMessage;
        Log.Retrying(_logger, reason, request?.Method.Method ?? "?", request?.RequestUri?.AbsolutePath ?? "?",
            outcome.Result is { } r ? (int)r.StatusCode : 0, outcome.Exception?.GetType().Name ?? "-", delay);
        outcome.Result?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>A rate-limit answer and how long to wait before trying again.</summary>
    internal sealed record RateLimit(string Kind, TimeSpan Wait)
    {
        public const string SecondaryUnspecified = "secondary-unspecified";

        public static RateLimit None { get; } = new("none", TimeSpan.Zero);

        public static RateLimit? From(HttpResponseMessage response, string body, DateTimeOffset now)
        {
            if (Header(response, "x-ratelimit-remaining") == "0"
                && long.TryParse(Header(response, "x-ratelimit-reset"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var reset))
            {
                var wait = DateTimeOffset.FromUnixTimeSeconds(reset) - now + TimeSpan.FromSeconds(1);
                return new RateLimit("primary", wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1));
            }

            if (response.Headers.RetryAfter?.Delta is { } delta)
            {
                return new RateLimit("secondary", delta);
            }

            if (response.Headers.RetryAfter?.Date is { } date)
            {
                return new RateLimit("secondary", date > now ? date - now : TimeSpan.FromSeconds(1));
            }

            // GitHub's advice without retry-after: wait at least a minute, and longer each time.
            return response.StatusCode == HttpStatusCode.TooManyRequests || body.Contains("secondary rate limit", StringComparison.OrdinalIgnoreCase)
                ? new RateLimit(SecondaryUnspecified, TimeSpan.FromMinutes(1))
                : null;
        }

        private static string? Header(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "GitHub {Reason} on {Method} {Path} (status {Status}, {Exception}); retrying in {Delay}")]
        public static partial void Retrying(ILogger logger, string reason, string method, string path, int status, string exception, TimeSpan delay);
    }
}
