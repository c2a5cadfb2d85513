using System.Text.Json.Nodes;

namespace AgentBot.Testing.FakeGitHub;

/// <summary>
/// One request as the fake received it. <see cref="Path"/> has no query; <see cref="Query"/> is as sent, with its
/// '?', or empty. Headers are case-insensitive. The init-only properties are filled in as the request is answered.
/// </summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    DateTimeOffset At)
{
    /// <summary>Arrival order, from 1, never reused (it also numbers the x-github-request-id).</summary>
    public long Sequence { get; init; }

    /// <summary>The injected fault, e.g. "Status(502)" or "Abort"; null when the request was served normally.</summary>
    public string? Fault { get; init; }

    /// <summary>No route of the fake answers this request (or the fake itself failed): a test usually asserts there are none.</summary>
    public bool Unhandled { get; init; }

    /// <summary>The status sent; 0 while the request is in flight or when its connection was aborted.</summary>
    public int StatusCode { get; init; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>A query parameter's (first) value, unescaped; null when absent.</summary>
    public string? QueryValue(string name)
    {
        foreach (var pair in Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(separator < 0 ? pair : pair[..separator]);
            if (string.Equals(key, name, StringComparison.Ordinal))
            {
                return separator < 0 ? string.Empty : Uri.UnescapeDataString(pair[(separator + 1)..].Replace('+', ' '));
            }
        }

        return null;
    }

    /// <summary>The body parsed as JSON, for assertions on what the client sent; null when empty.</summary>
    public JsonNode? Json() => string.IsNullOrEmpty(Body) ? null : JsonNode.Parse(Body);

    public override string ToString() =>
        $"#{Sequence} {Method} {Path}{Query} → {StatusCode}{(Fault is null ? string.Empty : $" [{Fault}]")}{(Unhandled ? " [unhandled]" : string.Empty)}";
}
