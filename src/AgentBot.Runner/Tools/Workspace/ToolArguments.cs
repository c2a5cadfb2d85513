using System.Globalization;
using System.Text.Json;

namespace AgentBot.Runner.Tools.Workspace;

/// <summary>
/// Reads a tool call's arguments and remembers the first problem, so a tool reads everything it needs
/// and then answers with one clear error instead of throwing. Models sometimes send numbers and
/// booleans as strings, or null for an omitted argument; both are accepted.
/// </summary>
internal sealed class ToolArguments
{
    private readonly JsonElement _arguments;

    public ToolArguments(JsonElement arguments, params string[] known)
    {
        _arguments = arguments;
        if (arguments.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return;
        }

        if (arguments.ValueKind != JsonValueKind.Object)
        {
            Error = "arguments must be a JSON object";
            return;
        }

        // An unknown name is usually a misspelling; ignoring it would silently drop what the model meant.
        foreach (var property in arguments.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                Error = $"unknown argument '{property.Name}'; expected {string.Join(", ", known)}";
                return;
            }
        }
    }

    /// <summary>The first problem found, or null.</summary>
    public string? Error { get; private set; }

    public string RequiredString(string name)
    {
        if (Find(name) is not { } value)
        {
            Fail($"'{name}' is required");
            return string.Empty;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail($"'{name}' must be a string");
            return string.Empty;
        }

        return value.GetString()!;
    }

    public string? OptionalString(string name)
    {
        if (Find(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail($"'{name}' must be a string");
            return null;
        }

        return value.GetString();
    }

    public int? OptionalInt(string name, int min, int max)
    {
        if (Find(name) is not { } value)
        {
            return null;
        }

        var parsed = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var n) => n,
            JsonValueKind.Number when value.TryGetDouble(out var d) && d == Math.Floor(d) && Math.Abs(d) < long.MaxValue => (long)d,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) => s,
            _ => (long?)null,
        };
        if (parsed is not { } number)
        {
            Fail($"'{name}' must be a whole number");
            return null;
        }

        if (number < min || number > max)
        {
            Fail(max == int.MaxValue ? $"'{name}' must be at least {min}" : $"'{name}' must be between {min} and {max}");
            return null;
        }

        return (int)number;
    }

    public bool OptionalBool(string name, bool fallback)
    {
        if (Find(name) is not { } value)
        {
            return fallback;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.String when bool.TryParse(value.GetString(), out var parsed):
                return parsed;
            default:
                Fail($"'{name}' must be true or false");
                return fallback;
        }
    }

    private JsonElement? Find(string name) =>
        _arguments.ValueKind == JsonValueKind.Object
        && _arguments.TryGetProperty(name, out var value)
        && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    private void Fail(string message) => Error ??= message;
}
