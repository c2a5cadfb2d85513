using System.Text.Json.Nodes;

namespace AgentBot.Runner.Trail;

/// <summary>Stamps, redacts and writes trail events: no configured secret ever reaches a sink.</summary>
public sealed class TrailWriter(ITrailSink sink, TimeProvider time, IReadOnlyCollection<string> secrets)
{
    private readonly string[] _secrets = [.. secrets.Where(s => s.Length >= 4).OrderByDescending(s => s.Length)];

    public ValueTask WriteAsync(string type, JsonObject data, CancellationToken cancellationToken) =>
        sink.WriteAsync(new TrailEvent(type, time.GetUtcNow(), (JsonObject)Redact(data)), cancellationToken);

    public string Redact(string text)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        return text;
    }

    private JsonNode Redact(JsonNode node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : Redact(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(v => v is null ? null : Redact(v))]),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => JsonValue.Create(Redact(v.GetValue<string>())),
        _ => node.DeepClone(),
    };
}
