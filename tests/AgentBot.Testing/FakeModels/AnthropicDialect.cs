using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AgentBot.Testing.FakeModels;

/// <summary>Anthropic's messages API: https://docs.anthropic.com/en/api/messages and its error shape.</summary>
internal sealed class AnthropicDialect : IModelDialect
{
    public string Name => "Anthropic";

    public bool Serves(string method, string path) => HttpMethods.IsPost(method) && path == "/v1/messages";

    // The API takes a key as x-api-key or as a bearer token; the C# SDK (13.x) sends the latter.
    public string? PresentedKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue("x-api-key", out var key))
        {
            return key.ToString();
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
    }

    public JsonObject Error(int status, string? message, string? code, long sequence, string? presentedKey)
    {
        var (type, defaultMessage) = status switch
        {
            400 => ("invalid_request_error", "Invalid request."),
            401 => ("authentication_error", "invalid x-api-key"),
            403 => ("permission_error", "Your API key does not have permission to use the specified resource."),
            404 => ("not_found_error", "The requested resource could not be found."),
            413 => ("request_too_large", "Request exceeds the maximum allowed number of bytes."),
            429 => ("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit."),
            529 => ("overloaded_error", "Overloaded"),
            _ => ("api_error", "Internal server error"),
        };
        return new JsonObject
        {
            ["type"] = "error",
            ["error"] = new JsonObject { ["type"] = code ?? type, ["message"] = message ?? defaultMessage },
            ["request_id"] = $"req_fake{sequence}",
        };
    }

    public JsonObject Answer(FakeReply reply, JsonNode? request, long sequence, DateTimeOffset now)
    {
        var content = new JsonArray();
        if (!string.IsNullOrEmpty(reply.Text))
        {
            content.Add(new JsonObject { ["type"] = "text", ["text"] = reply.Text });
        }

        var index = 0;
        foreach (var (name, arguments) in reply.ToolCalls)
        {
            content.Add(new JsonObject
            {
                ["type"] = "tool_use",
                ["id"] = $"toolu_{sequence}_{++index}",
                ["name"] = name,
                ["input"] = JsonNode.Parse(arguments),
            });
        }

        var usage = reply.Usage;
        return new JsonObject
        {
            ["id"] = $"msg_fake{sequence}",
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = request?["model"]?.GetValue<string>() ?? "unknown",
            ["content"] = content,
            ["stop_reason"] = reply.ToolCalls.Count > 0 ? "tool_use" : reply.Truncated ? "max_tokens" : "end_turn",
            ["stop_sequence"] = null,
            ["usage"] = new JsonObject
            {
                ["input_tokens"] = usage.Input - usage.Cached,
                ["output_tokens"] = usage.Output,
                ["cache_creation_input_tokens"] = 0,
                ["cache_read_input_tokens"] = usage.Cached,
                ["service_tier"] = "standard",
            },
        };
    }

    /// <summary>The streaming shape: https://docs.anthropic.com/en/docs/build-with-claude/streaming (one delta per block).</summary>
    public bool Streams => true;

    public IReadOnlyList<(string Event, JsonObject Data)> Stream(FakeReply reply, JsonNode? request, long sequence, DateTimeOffset now)
    {
        var whole = Answer(reply, request, sequence, now);
        var usage = whole["usage"]!.AsObject();
        var start = whole.DeepClone().AsObject();
        start["content"] = new JsonArray();
        start["stop_reason"] = null;
        start["usage"] = new JsonObject
        {
            ["input_tokens"] = usage["input_tokens"]!.DeepClone(),
            ["output_tokens"] = 1,
            ["cache_creation_input_tokens"] = 0,
            ["cache_read_input_tokens"] = usage["cache_read_input_tokens"]!.DeepClone(),
        };
        var events = new List<(string, JsonObject)> { ("message_start", new JsonObject { ["type"] = "message_start", ["message"] = start }) };
        var index = 0;
        foreach (var block in whole["content"]!.AsArray().Select(b => b!.AsObject()))
        {
            var isText = (string?)block["type"] == "text";
            var empty = isText
                ? new JsonObject { ["type"] = "text", ["text"] = string.Empty }
                : new JsonObject { ["type"] = "tool_use", ["id"] = block["id"]!.DeepClone(), ["name"] = block["name"]!.DeepClone(), ["input"] = new JsonObject() };
            var delta = isText
                ? new JsonObject { ["type"] = "text_delta", ["text"] = block["text"]!.DeepClone() }
                : new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = block["input"]!.ToJsonString() };
            events.Add(("content_block_start", new JsonObject { ["type"] = "content_block_start", ["index"] = index, ["content_block"] = empty }));
            events.Add(("content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = index, ["delta"] = delta }));
            events.Add(("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = index }));
            index++;
        }

        events.Add(("message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = whole["stop_reason"]!.DeepClone(), ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = usage["output_tokens"]!.DeepClone() },
        }));
        events.Add(("message_stop", new JsonObject { ["type"] = "message_stop" }));
        return events;
    }

    public void AddRetryAfter(HttpResponse response, TimeSpan wait) =>
        response.Headers["retry-after"] = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    public void AddHeaders(HttpResponse response, long sequence) =>
        response.Headers["request-id"] = $"req_fake{sequence}";
}
