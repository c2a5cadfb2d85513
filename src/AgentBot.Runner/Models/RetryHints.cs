using System.Globalization;
using System.Net.Http.Headers;

namespace AgentBot.Runner.Models;

/// <summary>
/// The <c>retry-after-ms</c> / <c>retry-after</c> and <c>x-should-retry</c> of the last failed answer within one attempt. The OpenAI SDK's
/// exception carries the raw response, but the Anthropic SDK's exceptions drop the headers, so a handler under
/// its HttpClient (<see cref="Handler"/>) writes them here; an attempt starts a fresh instance with <see cref="Begin"/>,
/// and the async flow carries it down to the handler.
/// </summary>
internal sealed class RetryHints
{
    private static readonly AsyncLocal<RetryHints?> s_current = new();

    public TimeSpan? RetryAfter { get; private set; }

    /// <summary>The server's own verdict (<c>x-should-retry</c>, sent by OpenAI and Anthropic), which overrides the status's.</summary>
    public bool? ShouldRetry { get; private set; }

    public static RetryHints Begin()
    {
        var hints = new RetryHints();
        s_current.Value = hints;
        return hints;
    }

    /// <summary>Reads <c>retry-after-ms</c> (milliseconds, OpenAI and Azure) before <c>retry-after</c> (seconds or an HTTP date).</summary>
    public static TimeSpan? Parse(string? retryAfterMs, string? retryAfter, DateTimeOffset now)
    {
        if (double.TryParse(retryAfterMs, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        if (double.TryParse(retryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (DateTimeOffset.TryParseExact(retryAfter, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return date > now ? date - now : TimeSpan.Zero;
        }

        return null;
    }

    public static bool? ParseShouldRetry(string? value) => bool.TryParse(value, out var retry) ? retry : null;

    /// <summary>Sits under the Anthropic SDK's HttpClient and notes the retry hints of every failed answer.</summary>
    internal sealed class Handler(TimeProvider time) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode && s_current.Value is { } hints)
            {
                hints.RetryAfter = Parse(First(response.Headers, "retry-after-ms"), First(response.Headers, "retry-after"), time.GetUtcNow());
                hints.ShouldRetry = ParseShouldRetry(First(response.Headers, "x-should-retry"));
            }

            return response;
        }

        private static string? First(HttpResponseHeaders headers, string name) =>
            headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
    }
}
