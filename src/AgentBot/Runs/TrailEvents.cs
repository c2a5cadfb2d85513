using System.Text.Json.Nodes;

namespace AgentBot.Runs;

/// <summary>The trail's event types (design section 5).</summary>
public static class TrailEvents
{
    public const string Queued = "run.queued";
    public const string Started = "run.started";
    public const string Completed = "run.completed";
    public const string Failed = "run.failed";
    public const string Note = "run.note";
}

/// <summary>Small JSON bodies for trail events, built as nodes (no reflection).</summary>
public static class TrailJson
{
    public static string Finish(string? conclusion, string? error, string? outputs) => new JsonObject
    {
        ["conclusion"] = conclusion,
        ["error"] = error,
        ["outputs"] = outputs is null ? null : JsonNode.Parse(outputs),
    }.ToJsonString();

    public static string Object(params (string Key, object? Value)[] fields)
    {
        var json = new JsonObject();
        foreach (var (key, value) in fields)
        {
            json[key] = value switch
            {
                null => null,
                string s => s,
                int i => i,
                long l => l,
                bool b => b,
                JsonNode n => n,
                _ => JsonValue.Create(value.ToString()),
            };
        }

        return json.ToJsonString();
    }
}
