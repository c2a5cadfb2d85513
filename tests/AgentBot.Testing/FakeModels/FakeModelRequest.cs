using System.Text.Json.Nodes;

namespace AgentBot.Testing.FakeModels;

/// <summary>
/// One request as a fake model server received it. <see cref="Body"/> is the parsed JSON (null when the body was
/// not JSON), for asserting what the model was offered: tools, system prompt, messages, tool results,
/// response_format, effort, limits. The init-only properties are filled in as the request is answered.
/// </summary>
public sealed record FakeModelRequest(
    long Sequence,
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    string RawBody,
    JsonNode? Body,
    DateTimeOffset At)
{
    /// <summary>The status sent; 0 while in flight, or when the connection was dropped or abandoned.</summary>
    public int StatusCode { get; init; }

    /// <summary>The scripted step that answered it (e.g. "Text", "Status(429, retry-after 00:00:20)"), or why none did.</summary>
    public string? Reply { get; init; }

    /// <summary>Nothing was scripted for it, or it went to a route the fake does not serve: a test usually asserts there are none.</summary>
    public bool Unexpected { get; init; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The body's <c>messages</c> array (both APIs have one).</summary>
    public JsonArray Messages => Body?["messages"] as JsonArray ?? [];

    /// <summary>The body's <c>tools</c> array, empty when none were offered.</summary>
    public JsonArray Tools => Body?["tools"] as JsonArray ?? [];

    public override string ToString() =>
        $"#{Sequence} {Method} {Path} → {StatusCode} {Reply}{(Unexpected ? " [unexpected]" : string.Empty)}";
}
