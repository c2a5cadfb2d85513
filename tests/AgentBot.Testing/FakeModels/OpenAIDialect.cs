using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AgentBot.Testing.FakeModels;

/// <summary>OpenAI's chat completions: https://platform.openai.com/docs/api-reference/chat/object and its error shape.</summary>
internal sealed class OpenAIDialect : IModelDialect
{
    public string Name => "OpenAI";

    // Endpoints are configured with /v1 (OpenAI, Ollama, vLLM) or without it (some compatible servers).
    public bool Serves(string method, string path) =>
        HttpMethods.IsPost(method) && path is "/v1/chat/completions" or "/chat/completions";

    public string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
    }

    public JsonObject Error(int status, string? message, string? code, long sequence, string? presentedKey)
    {
        var (type, defaultCode, defaultMessage) = status switch
        {
            // The real API quotes a masked key here; the fake quotes all of it, so that a test proves the client scrubs it.
            401 => ("invalid_request_error", "invalid_api_key", $"Incorrect API key provided: {presentedKey}. You can find your API key at https://platform.openai.com/account/api-keys."),
            429 => ("requests", "rate_limit_exceeded", "Rate limit reached for requests. Please try again later."),
            >= 500 => ("server_error", null, "The server had an error while processing your request. Sorry about that!"),
            _ => ("invalid_request_error", null, "Invalid request."),
        };
        return new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = message ?? defaultMessage,
                ["type"] = type,
                ["param"] = null,
                ["code"] = code ?? defaultCode,
            },
        };
    }

    public JsonObject Answer(FakeReply reply, JsonNode? request, long sequence, DateTimeOffset now)
    {
        var message = new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = reply.Text,
            ["refusal"] = null,
        };
        if (reply.ToolCalls.Count > 0)
        {
            message["tool_calls"] = new JsonArray([.. reply.ToolCalls.Select((call, i) => (JsonNode)new JsonObject
            {
                ["id"] = $"call_{sequence}_{i + 1}",
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.Arguments },
            })]);
        }

        var usage = reply.Usage;
        return new JsonObject
        {
            ["id"] = $"chatcmpl-fake{sequence}",
            ["object"] = "chat.completion",
            ["created"] = now.ToUnixTimeSeconds(),
            ["model"] = request?["model"]?.GetValue<string>() ?? "unknown",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["logprobs"] = null,
                ["finish_reason"] = reply.ToolCalls.Count > 0 ? "tool_calls" : reply.Truncated ? "length" : "stop",
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = usage.Input,
                ["completion_tokens"] = usage.Output,
                ["total_tokens"] = usage.Input + usage.Output,
                ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = usage.Cached, ["audio_tokens"] = 0 },
                ["completion_tokens_details"] = new JsonObject
                {
                    ["reasoning_tokens"] = usage.Reasoning,
                    ["audio_tokens"] = 0,
                    ["accepted_prediction_tokens"] = 0,
                    ["rejected_prediction_tokens"] = 0,
                },
            },
            ["service_tier"] = "default",
            ["system_fingerprint"] = "fp_fake",
        };
    }

    // The adapter in AgentBot.Runner never asks for a stream, so neither does anything this fake serves.
    public bool Streams => false;

    public IReadOnlyList<(string Event, JsonObject Data)> Stream(FakeReply reply, JsonNode? request, long sequence, DateTimeOffset now) =>
        throw new NotSupportedException("The fake OpenAI does not stream.");

    public void AddRetryAfter(HttpResponse response, TimeSpan wait)
    {
        // OpenAI (and Azure) send both: whole seconds, and milliseconds for clients that read them.
        response.Headers["retry-after"] = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        response.Headers["retry-after-ms"] = ((long)wait.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
    }

    public void AddHeaders(HttpResponse response, long sequence) =>
        response.Headers["x-request-id"] = $"req_fake{sequence}";
}
