using AgentBot.Runner.Diagnostics;

namespace AgentBot.Runner.Yaml;

/// <summary>
/// A YAML node with its source position. We build our own small tree (rather than YamlDotNet's
/// representation model) so that duplicate keys and other mistakes are reported and reading goes on.
/// </summary>
public abstract record YamlNode(SourcePosition Start)
{
    /// <summary>How the node reads in a message: "a string", "a list", "a map" …</summary>
    public abstract string Describe();
}

public sealed record YamlScalar(SourcePosition Start, string Value, bool IsPlain, bool IsQuoted) : YamlNode(Start)
{
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    public bool IsBoolean => IsPlain && Value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE";

    public bool IsInteger => IsPlain && long.TryParse(Value, System.Globalization.NumberStyles.AllowLeadingSign, null, out _);

    public bool IsNumber => IsPlain && double.TryParse(
        Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);

    /// <summary>Column of the first character of the value's text (after an opening quote).</summary>
    public int TextColumn => IsQuoted ? Start.Column + 1 : Start.Column;

    public override string Describe() =>
        IsNull ? "null" : IsBoolean ? "a boolean" : IsNumber ? "a number" : "a string";
}

public sealed record YamlSequence(SourcePosition Start, IReadOnlyList<YamlNode> Items) : YamlNode(Start)
{
    public override string Describe() => "a list";
}

public sealed record YamlMapping(SourcePosition Start, IReadOnlyList<YamlEntry> Entries) : YamlNode(Start)
{
    public override string Describe() => "a map";
}

public sealed record YamlEntry(YamlScalar Key, YamlNode Value);
