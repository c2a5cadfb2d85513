using System.Text.Json;
using System.Text.Json.Nodes;
using AgentBot.Runner.Definitions;

namespace AgentBot.Runner.Engine;

/// <summary>Reads the declared outputs from the model's final answer: one JSON object, bare or in a ```json fence.</summary>
public static class OutputParser
{
    /// <summary>The instruction added to the system prompt of an agent that declares outputs.</summary>
    public static string Instructions(IReadOnlyList<OutputField> outputs) =>
        "When you are done, end with exactly one JSON object (you may put it in a ```json fence) with these fields:\n"
        + string.Join('\n', outputs.Select(o => $"- \"{o.Name}\"{(o.Description is null ? string.Empty : $": {o.Description}")}"));

    /// <summary>The JSON schema of the answer, for providers that take a response format.</summary>
    public static JsonElement Schema(IReadOnlyList<OutputField> outputs)
    {
        var properties = new JsonObject();
        foreach (var output in outputs)
        {
            properties[output.Name] = output.Description is null ? new JsonObject() : new JsonObject { ["description"] = output.Description };
        }

        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray([.. outputs.Select(o => (JsonNode)JsonValue.Create(o.Name))]),
        };
        return JsonDocument.Parse(schema.ToJsonString()).RootElement.Clone();
    }

    /// <summary>The outputs, or an error saying what is wrong (for the one repair request).</summary>
    public static (JsonObject? Outputs, string? Error) Parse(string text, IReadOnlyList<OutputField> outputs)
    {
        var candidate = Extract(text);
        if (candidate is null)
        {
            return (null, "the answer contains no JSON object");
        }

        JsonObject? json;
        try
        {
            json = JsonNode.Parse(candidate) as JsonObject;
        }
        catch (JsonException ex)
        {
            return (null, $"the JSON object does not parse: {ex.Message}");
        }

        if (json is null)
        {
            return (null, "the answer's JSON is not an object");
        }

        var missing = outputs.Where(o => !json.ContainsKey(o.Name)).Select(o => o.Name).ToList();
        return missing.Count > 0 ? (null, $"the JSON object lacks {string.Join(", ", missing)}") : (json, null);
    }

    private static string? Extract(string text)
    {
        var fence = text.IndexOf("```json", StringComparison.OrdinalIgnoreCase);
        if (fence >= 0)
        {
            var start = text.IndexOf('\n', fence);
            var end = start < 0 ? -1 : text.IndexOf("```", start, StringComparison.Ordinal);
            if (start >= 0 && end > start)
            {
                return text[(start + 1)..end].Trim();
            }
        }

        // A bare object: from the first '{' to its matching '}' (strings may hold braces).
        var open = text.IndexOf('{');
        if (open < 0)
        {
            return null;
        }

        var depth = 0;
        var inString = false;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && --depth == 0)
            {
                return text[open..(i + 1)];
            }
        }

        return null;
    }
}
