using AgentBot.Runner.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AgentBot.Runner.Yaml;

/// <summary>
/// Reads YAML text into <see cref="YamlNode"/> documents, reporting every problem it can find
/// instead of stopping at the first: tabs in indentation, duplicate keys, non-scalar keys and
/// unknown aliases are reported and reading continues; a syntax error ends the file.
/// </summary>
public static class YamlTreeReader
{
    public static IReadOnlyList<YamlNode> Read(string path, string text, ICollection<Diagnostic> diagnostics)
    {
        var tabLines = ReportTabIndentation(path, text, diagnostics);
        var documents = new List<YamlNode>();
        var anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out _))
            {
                documents.Add(ReadNode(parser, path, anchors, diagnostics));
                parser.Consume<DocumentEnd>();
            }

            parser.Consume<StreamEnd>();
        }
        catch (YamlException ex)
        {
            var position = ToPosition(ex.Start);
            // The scanner trips over the tab we already reported; one message per mistake.
            if (tabLines.Count == 0 || !(tabLines.Contains(position.Line) || ex.Message.Contains("tab", StringComparison.OrdinalIgnoreCase)))
            {
                diagnostics.Add(new Diagnostic(path, position, DiagnosticSeverity.Error, DiagnosticCodes.YamlSyntax, SyntaxMessage(ex)));
            }

            return [];
        }

        return documents;
    }

    private static YamlNode ReadNode(IParser parser, string path, Dictionary<string, YamlNode> anchors, ICollection<Diagnostic> diagnostics)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (anchors.TryGetValue(alias.Value.Value, out var target))
            {
                return target;
            }

            var at = ToPosition(alias.Start);
            diagnostics.Add(new Diagnostic(path, at, DiagnosticSeverity.Error, DiagnosticCodes.YamlSyntax, $"unknown alias '*{alias.Value.Value}'"));
            return new YamlScalar(at, string.Empty, IsPlain: false, IsQuoted: false); // not null: no cascade of type errors
        }

        YamlNode node;
        AnchorName anchor;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            anchor = scalar.Anchor;
            node = new YamlScalar(
                ToPosition(scalar.Start),
                scalar.Value,
                IsPlain: scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty,
                IsQuoted: scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted);
        }
        else if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            anchor = sequenceStart.Anchor;
            var items = new List<YamlNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode(parser, path, anchors, diagnostics));
            }

            node = new YamlSequence(ToPosition(sequenceStart.Start), items);
        }
        else
        {
            var mappingStart = parser.Consume<MappingStart>();
            anchor = mappingStart.Anchor;
            node = ReadMapping(parser, path, mappingStart, anchors, diagnostics);
        }

        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }

        return node;
    }

    private static YamlMapping ReadMapping(
        IParser parser, string path, MappingStart start, Dictionary<string, YamlNode> anchors, ICollection<Diagnostic> diagnostics)
    {
        var entries = new List<YamlEntry>();
        var seen = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyNode = ReadNode(parser, path, anchors, diagnostics);
            var value = ReadNode(parser, path, anchors, diagnostics);
            if (keyNode is not YamlScalar key)
            {
                diagnostics.Add(new Diagnostic(path, keyNode.Start, DiagnosticSeverity.Error, DiagnosticCodes.YamlSyntax, $"a key must be a plain string, not {keyNode.Describe()}"));
                continue;
            }

            if (seen.TryGetValue(key.Value, out var first))
            {
                diagnostics.Add(new Diagnostic(path, key.Start, DiagnosticSeverity.Error, DiagnosticCodes.DuplicateKey, $"duplicate key '{key.Value}' (first defined at {first})"));
                continue;
            }

            seen.Add(key.Value, key.Start);
            entries.Add(new YamlEntry(key, value));
        }

        return new YamlMapping(ToPosition(start.Start), entries);
    }

    private static HashSet<int> ReportTabIndentation(string path, string text, ICollection<Diagnostic> diagnostics)
    {
        var lines = new HashSet<int>();
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            for (var i = 0; i < line.Length && (line[i] == ' ' || line[i] == '\t'); i++)
            {
                if (line[i] == '\t')
                {
                    lines.Add(lineNumber);
                    diagnostics.Add(new Diagnostic(path, new SourcePosition(lineNumber, i + 1), DiagnosticSeverity.Error, DiagnosticCodes.TabIndentation, "tab character in indentation; YAML allows only spaces"));
                    break;
                }
            }
        }

        return lines;
    }

    private static SourcePosition ToPosition(Mark mark) => new((int)mark.Line, (int)mark.Column);

    // YamlDotNet prefixes its messages with the span, which our format already carries.
    private static string SyntaxMessage(YamlException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith('(') && cut > 0)
        {
            message = message[(cut + 3)..];
        }

        message = message.TrimEnd('.');
        if (message.Length > 0)
        {
            message = char.ToLowerInvariant(message[0]) + message[1..];
        }

        return message.Contains("did not find expected", StringComparison.Ordinal) || message.Contains("not allowed in this context", StringComparison.Ordinal)
            || message.Contains("invalid mapping", StringComparison.Ordinal)
            ? $"invalid YAML: {message} (check the indentation)"
            : $"invalid YAML: {message}";
    }
}
