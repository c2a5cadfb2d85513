using System.Globalization;
using System.Text.RegularExpressions;
using AgentBot.Runner.Diagnostics;
using AgentBot.Runner.Yaml;

namespace AgentBot.Runner.Definitions;

// Typed reads of YAML values. Each reports a precise diagnostic at the value and returns null,
// so one wrong value never hides the problems in the rest of the file.
internal sealed partial class AgentFileReader
{
    private void Error(SourcePosition at, string code, string message) =>
        _diagnostics.Add(new Diagnostic(_path, at, DiagnosticSeverity.Error, code, message));

    private void Warning(SourcePosition at, string code, string message) =>
        _diagnostics.Add(new Diagnostic(_path, at, DiagnosticSeverity.Warning, code, message));

    private void WrongType(string key, YamlNode node, string expected) =>
        Error(node.Start, DiagnosticCodes.WrongType, $"'{key}' must be {expected}, not {node.Describe()}");

    private YamlScalar? Scalar(string key, YamlNode node, string expected)
    {
        if (node is YamlScalar { IsNull: false } scalar)
        {
            return scalar;
        }

        WrongType(key, node, expected);
        return null;
    }

    private string? ReadString(string key, YamlNode node) => Scalar(key, node, "a string")?.Value;

    private string? ReadPattern(string key, YamlNode node, Regex pattern, string what)
    {
        var scalar = Scalar(key, node, "a string");
        if (scalar is null)
        {
            return null;
        }

        if (!pattern.IsMatch(scalar.Value))
        {
            Error(scalar.Start, DiagnosticCodes.BadIdentifier, $"'{key}' must be {what}, got '{scalar.Value}'");
            return null;
        }

        return scalar.Value;
    }

    private bool? ReadBoolean(string key, YamlNode node)
    {
        if (node is YamlScalar { IsBoolean: true } scalar)
        {
            return scalar.Value.Equals("true", StringComparison.OrdinalIgnoreCase);
        }

        WrongType(key, node, "true or false");
        return null;
    }

    private long? ReadInteger(string key, YamlNode node, long min, long max)
    {
        if (node is not YamlScalar { IsInteger: true } scalar)
        {
            WrongType(key, node, "an integer");
            return null;
        }

        var value = long.Parse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (value < min || value > max)
        {
            Error(scalar.Start, DiagnosticCodes.OutOfRange, max == long.MaxValue
                ? $"'{key}' must be at least {min}, got {value}"
                : $"'{key}' must be between {min} and {max}, got {value}");
            return null;
        }

        return value;
    }

    private decimal? ReadPositiveDecimal(string key, YamlNode node)
    {
        if (node is not YamlScalar { IsNumber: true } scalar
            || !decimal.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            WrongType(key, node, "a number");
            return null;
        }

        if (value <= 0)
        {
            Error(scalar.Start, DiagnosticCodes.OutOfRange, $"'{key}' must be greater than 0, got {scalar.Value}");
            return null;
        }

        return value;
    }

    private T? ReadEnum<T>(string key, YamlNode node, Vocabulary<T> vocabulary)
        where T : struct, Enum
    {
        if (node is not YamlScalar { IsNull: false } scalar)
        {
            WrongType(key, node, $"one of {string.Join(", ", vocabulary.Names)}");
            return null;
        }

        if (vocabulary.TryParse(scalar.Value, out var value))
        {
            return value;
        }

        Error(scalar.Start, DiagnosticCodes.BadEnumValue,
            $"invalid {key} '{scalar.Value}'{Suggestions.DidYouMean(scalar.Value, vocabulary.Names)} (allowed: {string.Join(", ", vocabulary.Names)})");
        return null;
    }

    /// <summary>A list of non-empty strings; duplicates are warned about and dropped.</summary>
    private List<YamlScalar>? ReadStringList(string key, YamlNode node, StringComparer comparer)
    {
        if (node is not YamlSequence sequence)
        {
            WrongType(key, node, node is YamlScalar { IsNull: false } s ? $"a list of strings (write [{s.Value}])" : "a list of strings");
            return null;
        }

        var items = new List<YamlScalar>();
        var ok = true;
        foreach (var item in sequence.Items)
        {
            if (item is not YamlScalar { IsNull: false } scalar || scalar.Value.Length == 0)
            {
                Error(item.Start, DiagnosticCodes.WrongType, $"each entry of '{key}' must be a non-empty string, not {item.Describe()}");
                ok = false;
                continue;
            }

            if (items.Any(i => comparer.Equals(i.Value, scalar.Value)))
            {
                Warning(scalar.Start, DiagnosticCodes.DuplicateEntry, $"'{scalar.Value}' is listed twice in '{key}'");
                continue;
            }

            items.Add(scalar);
        }

        return ok ? items : null;
    }

    private List<T>? ReadEnumList<T>(string key, YamlNode node, Vocabulary<T> vocabulary)
        where T : struct, Enum
    {
        var items = ReadStringList(key, node, StringComparer.Ordinal);
        if (items is null)
        {
            return null;
        }

        var values = new List<T>();
        foreach (var item in items)
        {
            if (ReadEnum(key, item, vocabulary) is { } value)
            {
                values.Add(value);
            }
            else
            {
                return null;
            }
        }

        return values;
    }

    private Dictionary<string, string>? ReadStringMap(string key, YamlNode node)
    {
        if (node is not YamlMapping mapping)
        {
            WrongType(key, node, "a map of strings");
            return null;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            if (entry.Value is not YamlScalar { IsNull: false } scalar)
            {
                Error(entry.Value.Start, DiagnosticCodes.WrongType, $"'{key}.{entry.Key.Value}' must be a string, not {entry.Value.Describe()}");
                return null;
            }

            map[entry.Key.Value] = scalar.Value;
        }

        return map;
    }

    private TimeSpan? ReadDuration(string key, YamlNode node)
    {
        var scalar = Scalar(key, node, "a duration like 90s, 20m or 1h30m");
        if (scalar is null)
        {
            return null;
        }

        if (!Duration.TryParse(scalar.Value, out var duration))
        {
            Error(scalar.Start, DiagnosticCodes.BadDuration, $"'{scalar.Value}' is not a duration; write e.g. 90s, 20m or 1h30m");
            return null;
        }

        if (duration <= TimeSpan.Zero || duration > TimeSpan.FromHours(24))
        {
            Error(scalar.Start, DiagnosticCodes.OutOfRange, $"'{key}' must be more than 0s and at most 24h, got {scalar.Value}");
            return null;
        }

        return duration;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex("^[a-z][a-z0-9_-]*$")]
    private static partial Regex OutputNamePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex CredentialPattern();
}
