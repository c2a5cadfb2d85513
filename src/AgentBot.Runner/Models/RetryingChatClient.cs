using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Anthropic.Exceptions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentBot.Runner.Models;

/// <summary>
/// The one place model calls are retried (both SDKs' own retries are switched off, so their limits cannot stack on
/// ours): 408, 409, 429, 5xx (Anthropic's 529 included), timeouts and connection failures, with exponential backoff
/// and jitter, or exactly as long as <c>retry-after-ms</c> / <c>retry-after</c> asks; a server's <c>x-should-retry</c> overrides the status. Each attempt has the provider's
/// Timeout. All waiting goes through <see cref="TimeProvider"/>, so tests move a clock instead of sleeping. What
/// cannot be retried, or still fails after MaxRetries, surfaces as a <see cref="ModelCallException"/> that never
/// carries the API key. A stream is retried only until its first update; a failure after that ends it.
/// </summary>
public sealed partial class RetryingChatClient : DelegatingChatClient
{
    private static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private const int MaxMessageLength = 600;

    private readonly ResolvedProvider _provider;
    private readonly string _modelId;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal RetryingChatClient(IChatClient innerClient, ResolvedProvider provider, string modelId, TimeProvider time, ILogger? logger = null)
        : base(innerClient)
    {
        _provider = provider;
        _modelId = modelId;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
    }

    private ProviderOptions Options => _provider.Options;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Every attempt must send the same conversation, so a lazy sequence is read once.
        var conversation = messages as IList<ChatMessage> ?? [.. messages];
        for (var attempt = 1; ; attempt++)
        {
            var (response, failure) = await AttemptAsync(conversation, options, cancellationToken);
            if (response is not null)
            {
                return response;
            }

            await WaitBeforeRetryAsync(failure!, attempt, cancellationToken);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var conversation = messages as IList<ChatMessage> ?? [.. messages];
        for (var attempt = 1; ; attempt++)
        {
            var hints = RetryHints.Begin();
            var timeout = new CancellationTokenSource(Options.Timeout, _time);
            var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            var stream = base.GetStreamingResponseAsync(conversation, options, linked.Token).GetAsyncEnumerator(linked.Token);
            Failure? failure = null;
            bool any;
            try
            {
                any = await stream.MoveNextAsync();
            }
            catch (Exception e) when ((failure = Classify(e, hints, cancellationToken)) is not null)
            {
                any = false;
            }
            catch
            {
                await stream.DisposeAsync();
                linked.Dispose();
                timeout.Dispose();
                throw;
            }

            if (failure is not null)
            {
                await stream.DisposeAsync();
                linked.Dispose();
                timeout.Dispose();
                await WaitBeforeRetryAsync(failure, attempt, cancellationToken);
                continue;
            }

            // The attempt's timeout bounds the wait for the first update; a long answer may then take its time.
            timeout.CancelAfter(Timeout.InfiniteTimeSpan);
            try
            {
                if (any)
                {
                    yield return stream.Current;
                    while (await MoveNextAsync(stream, attempt, cancellationToken))
                    {
                        yield return stream.Current;
                    }
                }
            }
            finally
            {
                await stream.DisposeAsync();
                linked.Dispose();
                timeout.Dispose();
            }

            yield break;
        }
    }

    private async Task<(ChatResponse? Response, Failure? Failure)> AttemptAsync(IList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var hints = RetryHints.Begin();
        using var timeout = new CancellationTokenSource(Options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return (await base.GetResponseAsync(messages, options, linked.Token), null);
        }
        catch (Exception e) when (Classify(e, hints, cancellationToken) is { } failure)
        {
            return (null, failure);
        }
    }

    private async ValueTask<bool> MoveNextAsync(IAsyncEnumerator<ChatResponseUpdate> stream, int attempts, CancellationToken cancellationToken)
    {
        var hints = RetryHints.Begin();
        try
        {
            return await stream.MoveNextAsync();
        }
        catch (Exception e) when (Classify(e, hints, cancellationToken) is { } failure)
        {
            // Updates were already handed on: a retry would repeat them, so the stream ends here.
            throw ToException(failure with { Retryable = false }, attempts);
        }
    }

    private async Task WaitBeforeRetryAsync(Failure failure, int attempt, CancellationToken cancellationToken)
    {
        if (!failure.Retryable || attempt > Options.MaxRetries)
        {
            throw ToException(failure, attempt);
        }

        if (failure.RetryAfter > Options.MaxRetryWait)
        {
            throw ToException(failure, attempt, $"the provider asked to wait {failure.RetryAfter}, longer than Models:Providers:{_provider.Name}:MaxRetryWait");
        }

        var delay = failure.RetryAfter ?? Backoff(attempt);
        Log.Retrying(_logger, _provider.Name, _modelId, failure.Status ?? 0, failure.Message, attempt, Options.MaxRetries + 1, delay);
        await Task.Delay(delay, _time, cancellationToken);
    }

    /// <summary>1 s, 2 s, 4 s … up to 30 s, each between half and all of that, so that many runs do not retry in step.</summary>
    private static TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(MaxBackoff.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }

    private ModelCallException ToException(Failure failure, int attempts, string? hint = null)
    {
        hint ??= failure.Status switch
        {
            401 or 403 => $"the API key from {_provider.KeySource} was refused",
            404 => $"check the model id and Models:Providers:{_provider.Name}:Endpoint",
            _ => null,
        };
        return new ModelCallException(_provider.Name, _modelId, failure.Status, attempts, failure.Retryable, failure.Message, hint, failure.Transport);
    }

    /// <summary>What went wrong, if it is a provider's answer or a failure on the way; null for anything else (a bug), which propagates as it is.</summary>
    private Failure? Classify(Exception exception, RetryHints hints, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case ClientResultException { Status: 0 } e:
                return new Failure(true, null, null, Scrub($"connection failed: {(e.InnerException ?? e).Message}"), e.InnerException);
            case ClientResultException e:
                var raw = e.GetRawResponse();
                var (message, code) = ReadError(raw);
                var retryAfter = raw is null ? null : RetryHints.Parse(Header(raw, "retry-after-ms"), Header(raw, "retry-after"), _time.GetUtcNow());
                // OpenAI answers 429 both for a rate limit and for an exhausted quota; only the first passes with time.
                var retryable = (raw is null ? null : RetryHints.ParseShouldRetry(Header(raw, "x-should-retry")))
                    ?? (IsRetryable(e.Status) && code is not "insufficient_quota");
                return new Failure(retryable, e.Status, retryAfter, Scrub(message ?? FirstLine(e.Message)), null);
            case AnthropicApiException e:
                var status = (int)e.StatusCode;
                return new Failure(hints.ShouldRetry ?? IsRetryable(status), status, hints.RetryAfter, Scrub(AnthropicMessage(e)), null);
            case AnthropicIOException or HttpRequestException or IOException:
                return new Failure(true, null, null, Scrub($"connection failed: {exception.Message}"), exception);
            case OperationCanceledException or TimeoutException when !cancellationToken.IsCancellationRequested:
                return new Failure(true, null, null, $"no answer within {Options.Timeout} (Models:Providers:{_provider.Name}:Timeout)", null);
            default:
                return null;
        }
    }

    private static bool IsRetryable(int status) => status is 408 or 409 or 429 or >= 500;

    private static string? Header(PipelineResponse response, string name) =>
        response.Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>OpenAI's <c>{"error": {"message", "code"}}</c>; compatible servers sometimes answer <c>{"error": "text"}</c> or plain text.</summary>
    private static (string? Message, string? Code) ReadError(PipelineResponse? response)
    {
        if (response is null)
        {
            return (null, null);
        }

        string text;
        try
        {
            text = response.Content.ToString();
        }
        catch (InvalidOperationException)
        {
            // The content was streamed, not buffered: nothing more to say than the status.
            return (null, null);
        }

        return ParseError(text) is { } parsed ? parsed : (string.IsNullOrWhiteSpace(text) ? null : text.Trim(), null);
    }

    private static (string? Message, string? Code)? ParseError(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("error", out var error))
            {
                return null;
            }

            return error.ValueKind switch
            {
                JsonValueKind.String => (error.GetString(), null),
                JsonValueKind.Object => (
                    error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null,
                    error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()
                        : error.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string AnthropicMessage(AnthropicApiException e)
    {
        // Anthropic's body is {"type": "error", "error": {"type", "message"}}; the exception's own message is not used,
        // as it may quote more of the exchange than the provider's message.
        if (!string.IsNullOrWhiteSpace(e.ResponseBody) && ParseError(e.ResponseBody) is { Message: { } message })
        {
            return message;
        }

        return string.IsNullOrWhiteSpace(e.ResponseBody) ? $"HTTP {(int)e.StatusCode}" : e.ResponseBody.Trim();
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? text : text[..end]).Trim();
    }

    /// <summary>Removes the key wherever a provider (or a transport message) echoes it, and keeps messages short.</summary>
    private string Scrub(string message)
    {
        if (_provider.ApiKey is { Length: >= 4 } key)
        {
            message = message.Replace(key, "***", StringComparison.Ordinal);
        }

        return message.Length <= MaxMessageLength ? message : message[..MaxMessageLength] + "…";
    }

    private sealed record Failure(bool Retryable, int? Status, TimeSpan? RetryAfter, string Message, Exception? Transport);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Model call to {Provider}/{Model} failed (status {Status}: {Failure}); attempt {Attempt} of {Attempts}, retrying in {Delay}")]
        public static partial void Retrying(ILogger logger, string provider, string model, int status, string failure, int attempt, int attempts, TimeSpan delay);
    }
}
