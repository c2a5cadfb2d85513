using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AgentBot.Workflows.Review;

/// <summary>
/// A reviewer agent's final answer: <c>{"verdict": …, "summary": …, "comments": [{"path", "line", "body"}]}</c>.
/// Read leniently because models wrap JSON in fences, misspell verdicts and drop fields; only an answer with no
/// JSON object at all is refused.
/// </summary>
public sealed partial record ReviewAnswer(string Verdict, string Summary, IReadOnlyList<ReviewFinding> Comments)
{
    /// <summary>The answer in <paramref name="text"/>: bare JSON, a ```json fence, or an object amid prose.</summary>
    /// <exception cref="FormatException">No JSON object could be read; the message says what was expected.</exception>
    public static ReviewAnswer Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException("The reviewer's answer is empty; expected one JSON object {\"verdict\", \"summary\", \"comments\"}.");
        }

        var root = Candidates(text).Select(TryObject).FirstOrDefault(o => o is not null)
            ?? throw new FormatException(
                "The reviewer's answer holds no JSON object; expected {\"verdict\": \"approved\"|\"commented\"|\"changes_requested\", "
                + "\"summary\": \"…\", \"comments\": [{\"path\": \"…\", \"line\": 12, \"body\": \"…\"}]}, bare or in a ```json fence.");

        var summary = Text(root["summary"]) ?? Text(root["body"]) ?? string.Empty;
        var comments = root["comments"] is JsonArray array
            ? array.OfType<JsonObject>().Select(Finding).OfType<ReviewFinding>().ToList()
            : [];
        return new ReviewAnswer(ReadVerdict(Text(root["verdict"])), summary.Trim(), comments);
    }

    // Fenced blocks first (the model was asked for one), then the whole text, then the outermost braces amid prose.
    private static IEnumerable<string> Candidates(string text)
    {
        foreach (Match fence in Fence().Matches(text))
        {
            yield return fence.Groups["body"].Value;
        }

        yield return text;
        var start = text.IndexOf('{', StringComparison.Ordinal);
        var end = text.LastIndexOf('}');
        if (start >= 0 && end > start)
        {
            yield return text[start..(end + 1)];
        }
    }

    private static JsonObject? TryObject(string candidate)
    {
        try
        {
            return JsonNode.Parse(candidate.Trim(), documentOptions: new JsonDocumentOptions
            {
                AllowTrailingCommas = true,
                CommentHandling = JsonCommentHandling.Skip,
            }) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // An unknown verdict must not read as approval, so anything unrecognised is a plain comment.
    private static string ReadVerdict(string? given) =>
        given?.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_') switch
        {
            "approved" or "approve" => ReviewVerdicts.Approved,
            "changes_requested" or "request_changes" or "requested_changes" => ReviewVerdicts.ChangesRequested,
            _ => ReviewVerdicts.Commented,
        };

    private static ReviewFinding? Finding(JsonObject comment)
    {
        var body = Text(comment["body"])?.Trim();
        if (string.IsNullOrEmpty(body))
        {
            return null;
        }

        var path = Text(comment["path"])?.Trim();
        return new ReviewFinding(string.IsNullOrEmpty(path) ? null : path, Line(comment["line"]), body);
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    // Models write 12, 12.0 or "12"; anything below 1 names no line.
    private static int? Line(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        int? line = value.TryGetValue<int>(out var number) ? number
            : value.TryGetValue<double>(out var real) && real == Math.Floor(real) && real is >= 1 and <= int.MaxValue ? (int)real
            : value.TryGetValue<string>(out var text) && int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed
            : null;
        return line >= 1 ? line : null;
    }

    [GeneratedRegex(@"```[ \t]*(?:json)?[ \t]*\r?\n(?<body>.*?)```", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Fence();
}
