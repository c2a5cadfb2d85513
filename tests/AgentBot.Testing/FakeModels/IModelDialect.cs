using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AgentBot.Testing.FakeModels;

/// <summary>What differs between the fake OpenAI and the fake Anthropic: routes, authentication and JSON shapes.</summary>
internal interface IModelDialect
{
    string Name { get; }

    bool Serves(string method, string path);

    /// <summary>The key the request presents, or null when it presents none.</summary>
    string? PresentedKey(HttpRequest request);

    JsonObject Error(int status, string? message, string? code, long sequence, string? presentedKey);

    JsonObject Answer(FakeReply reply, JsonNode? request, long sequence, DateTimeOffset now);

    /// <summary>Whether this fake answers <c>"stream": true</c>.</summary>
    bool Streams { get; }

    /// <summary>The same answer as server-sent events.</summary>
    IReadOnlyList<(string Event, JsonObject Data)> Stream(FakeReply reply, JsonNode? request, long sequence, DateTimeOffset now);

    void AddRetryAfter(HttpResponse response, TimeSpan wait);

    void AddHeaders(HttpResponse response, long sequence);
}
