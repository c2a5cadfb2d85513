using System.Buffers;
using System.Data.Common;
using System.Text;
using System.Text.Json;
using AgentBot.GitHub;
using AgentBot.Webhooks.Payloads;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace AgentBot.Webhooks;

/// <summary>
/// Verifies a delivery's signature before reading anything else, stores it in the inbox and answers 202.
/// 401 bad or missing signature, 413 over 25 MB (reading stops there), 400 malformed, 200 for ping,
/// 503 when not configured or when the database cannot take the delivery (so GitHub can redeliver).
/// </summary>
public sealed partial class WebhookReceiver(
    IOptions<GitHubOptions> options, Inbox inbox, InboxSignal signal, TimeProvider time, ILogger<WebhookReceiver> logger)
{
    public const int MaxBodyBytes = 25 * 1024 * 1024;

    public async Task<IResult> ReceiveAsync(HttpContext context)
    {
        var missing = options.Value.MissingForWebhooks();
        if (missing.Count > 0)
        {
            return Results.Problem(
                title: "GitHub is not configured",
                detail: $"AgentBot runs in local mode. Set {string.Join(", ", missing)} to accept webhook deliveries.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var request = context.Request;
        var signature = request.Headers["X-Hub-Signature-256"].ToString();
        if (string.IsNullOrEmpty(signature))
        {
            return Results.Problem(title: "Missing X-Hub-Signature-256", statusCode: StatusCodes.Status401Unauthorized);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes + 1L;
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge(context);
        }

        var body = await ReadBodyAsync(context);
        if (body is null)
        {
            return TooLarge(context);
        }

        try
        {
            if (!WebhookSignature.IsValid(signature, body.Value.Span, options.Value.AllWebhookSecrets))
            {
                Log.BadSignature(logger, request.Headers["X-GitHub-Delivery"].ToString());
                return Results.Problem(title: "Invalid X-Hub-Signature-256", statusCode: StatusCodes.Status401Unauthorized);
            }

            var eventName = request.Headers["X-GitHub-Event"].ToString();
            var deliveryId = request.Headers["X-GitHub-Delivery"].ToString();
            if (string.IsNullOrEmpty(eventName) || string.IsNullOrEmpty(deliveryId) || deliveryId.Length > 100)
            {
                return Results.Problem(title: "X-GitHub-Event and X-GitHub-Delivery are required", statusCode: StatusCodes.Status400BadRequest);
            }

            if (Summarize(body.Value.Span) is not { } summary || Text(body.Value.Span) is not { } text)
            {
                return Results.Problem(title: "The body is not a JSON object in UTF-8", statusCode: StatusCodes.Status400BadRequest);
            }

            if (eventName == "ping")
            {
                return Results.Json(new WebhookAnswer(deliveryId, "pong"), WebhookAnswerJsonContext.Default.WebhookAnswer);
            }

            var ignored = WebhookPayload.WhyIgnored(eventName, summary.Action);
            var item = new InboxItem(
                deliveryId, eventName, summary.Action, summary.InstallationId, summary.Repository, summary.Sender,
                text, time.GetUtcNow(), ignored is null ? InboxStatus.Pending : InboxStatus.Ignored, 0, ignored);
            bool stored;
            try
            {
                stored = await inbox.StoreAsync(item, context.RequestAborted);
            }
            catch (DbException ex)
            {
                Log.StoreFailed(logger, deliveryId, ex.Message);
                return Results.Problem(title: "The delivery could not be stored; redeliver it", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            if (stored && ignored is null)
            {
                signal.Notify();
            }

            Log.Accepted(logger, deliveryId, eventName, summary.Action ?? "-", summary.Repository ?? "-", stored ? item.Status : "duplicate");
            return Results.Json(new WebhookAnswer(deliveryId, stored ? item.Status : "duplicate"), WebhookAnswerJsonContext.Default.WebhookAnswer, statusCode: StatusCodes.Status202Accepted);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body.Value.Array);
        }
    }

    private static IResult TooLarge(HttpContext context)
    {
        // Closing the connection spares reading (and draining) the rest of an oversized body.
        context.Response.Headers.Connection = "close";
        return Results.Problem(title: $"Deliveries over {MaxBodyBytes / (1024 * 1024)} MB are refused", statusCode: StatusCodes.Status413PayloadTooLarge);
    }

    /// <summary>Reads at most <see cref="MaxBodyBytes"/>; null as soon as the body proves longer.</summary>
    private static async Task<PooledBody?> ReadBodyAsync(HttpContext context)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(context.Request.ContentLength ?? 16 * 1024, 1024, MaxBodyBytes + 1L));
        var length = 0;
        var stream = context.Request.Body;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length > MaxBodyBytes)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return null;
                }

                var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxBodyBytes + 1));
                buffer.AsSpan(0, length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = bigger;
            }

            int read;
            try
            {
                read = await stream.ReadAsync(buffer.AsMemory(length), context.RequestAborted);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                return null;
            }

            if (read == 0)
            {
                break;
            }

            length += read;
            if (length > MaxBodyBytes)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                return null;
            }
        }

        return new PooledBody(buffer, length);
    }

    /// <summary>The few fields the inbox indexes, read without building a document; null when the body is not a JSON object.</summary>
    internal static DeliverySummary? Summarize(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? action = null, repository = null, sender = null;
            long? installation = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var property = reader.GetString();
                reader.Read();
                switch (property)
                {
                    case "action" when reader.TokenType == JsonTokenType.String:
                        action = reader.GetString();
                        break;
                    case "repository" when reader.TokenType == JsonTokenType.StartObject:
                        repository = ReadField(ref reader, "full_name");
                        break;
                    case "sender" when reader.TokenType == JsonTokenType.StartObject:
                        sender = ReadField(ref reader, "login");
                        break;
                    case "installation" when reader.TokenType == JsonTokenType.StartObject:
                        installation = long.TryParse(ReadField(ref reader, "id"), out var id) ? id : null;
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            // Reading on to the end proves the whole body is well-formed JSON.
            while (reader.Read())
            {
            }

            return new DeliverySummary(action, installation, repository, sender);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The body as text, exactly: invalid UTF-8 is refused rather than stored altered from what was signed.</summary>
    private static string? Text(ReadOnlySpan<byte> body)
    {
        try
        {
            return StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static string? ReadField(ref Utf8JsonReader reader, string name)
    {
        string? value = null;
        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1 && reader.ValueTextEquals(name))
            {
                reader.Read();
                value = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Number when reader.TryGetInt64(out var number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    _ => null,
                };
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }
            else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
        }

        return value;
    }

    internal sealed record DeliverySummary(string? Action, long? InstallationId, string? Repository, string? Sender);

    private readonly record struct PooledBody(byte[] Array, int Length)
    {
        public ReadOnlySpan<byte> Span => Array.AsSpan(0, Length);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Delivery {DeliveryId} refused: bad signature")]
        public static partial void BadSignature(ILogger logger, string deliveryId);

        [LoggerMessage(2, LogLevel.Error, "Delivery {DeliveryId} could not be stored: {Error}")]
        public static partial void StoreFailed(ILogger logger, string deliveryId, string error);

        [LoggerMessage(3, LogLevel.Information, "Delivery {DeliveryId} {Event}.{Action} for {Repository}: {Status}")]
        public static partial void Accepted(ILogger logger, string deliveryId, string @event, string action, string repository, string status);
    }
}
