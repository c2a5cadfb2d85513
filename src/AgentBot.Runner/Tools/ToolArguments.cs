using System.Globalization;
using System.Text.Json;

namespace AgentBot.Runner.Tools;

/// <summary>
/// Reads a tool call's arguments and remembers the first problem, so a tool reads everything it needs and then
/// answers with one clear error instead of throwing. Lenient where models are sloppy (numbers and booleans as
/// strings, null for an omitted argument, one string where a list was asked for); strict about unknown names,
/// which are usually misspellings. Every tool reads its arguments with it: workspace, GitHub and any other.
/// </summary>
public sealed class ToolArguments
{
    private readonly JsonElement _arguments;
    private readonly string _prefix;

    public ToolArguments(JsonElement arguments, params string[] known)
        : this(arguments, string.Empty, "arguments must be a JSON object", known)
    {
    }

    private ToolArguments(JsonElement arguments, string prefix, string notAnObject, string[] known)
    {
        _arguments = arguments;
        _prefix = prefix;
        if (arguments.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return;
        }

        if (arguments.ValueKind != JsonValueKind.Object)
        {
            Fail(notAnObject);
            return;
        }

        foreach (var property in arguments.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                Fail($"unknown argument '{property.Name}'; expected {string.Join(", ", known)}");
                return;
            }
        }
    }

    /// <summary>The first problem found, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>A string that must be there; empty is allowed (a file's new content may be empty).</summary>
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

    /// <summary>A string that must be there and must not be blank.</summary>
    public string RequiredText(string name)
    {
        var value = OptionalString(name);
        if (value is null)
        {
            if (Error is null)
            {
                Fail($"'{name}' is required");
            }

            return string.Empty;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            Fail($"'{name}' must not be empty");
        }

        return value;
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

    public int RequiredInt(string name, int min, int max)
    {
        if (Find(name) is null)
        {
            Fail($"'{name}' is required");
            return 0;
        }

        return OptionalInt(name, min, max) ?? 0;
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

    /// <summary>A list of non-blank strings, each trimmed, duplicates dropped; null when the argument is absent.</summary>
    public IReadOnlyList<string>? OptionalStringList(string name)
    {
        if (Find(name) is not { } value)
        {
            return null;
        }

        // Models sometimes send one string for a one-item list, or the list encoded as a string.
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!.Trim();
            if (!text.StartsWith('['))
            {
                return Items(name, [text]);
            }

            try
            {
                using var document = JsonDocument.Parse(text);
                value = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                Fail($"'{name}' must be a list of strings");
                return null;
            }
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            Fail($"'{name}' must be a list of strings");
            return null;
        }

        return Items(name, [.. value.EnumerateArray().Select(e => e.GetString()!.Trim())]);
    }

    public IReadOnlyList<string> RequiredStringList(string name)
    {
        var list = OptionalStringList(name);
        if (list is null && Error is null)
        {
            Fail($"'{name}' is required");
        }
        else if (list is { Count: 0 })
        {
            Fail($"'{name}' must name at least one");
        }

        return list ?? [];
    }

    /// <summary>A list of objects, each read by its own reader whose errors name the item, e.g. <c>comments[2]: 'line' is required</c>.</summary>
    public IReadOnlyList<ToolArguments>? OptionalObjectList(string name, params string[] known)
    {
        if (Find(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail($"'{name}' must be a list of objects");
            return null;
        }

        var items = value.EnumerateArray()
            .Select((item, i) => new ToolArguments(item, $"{_prefix}{name}[{i}]: ", "must be a JSON object", known))
            .ToList();
        if (items.FirstOrDefault(i => i.Error is not null) is { } broken)
        {
            Fail(broken.Error!, prefixed: true);
        }

        return items;
    }

    private List<string>? Items(string name, List<string> items)
    {
        if (items.Any(string.IsNullOrEmpty))
        {
            Fail($"'{name}' must not contain empty strings");
            return null;
        }

        return [.. items.Distinct(StringComparer.Ordinal)];
    }

    private JsonElement? Find(string name) =>
        _arguments.ValueKind == JsonValueKind.Object
        && _arguments.TryGetProperty(name, out var value)
        && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    private void Fail(string message, bool prefixed = false) => Error ??= prefixed ? message : _prefix + message;
}
