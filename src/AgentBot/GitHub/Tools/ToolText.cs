using System.Globalization;
using System.Text;

namespace AgentBot.GitHub.Tools;

/// <summary>Text shaping shared by the tools: cuts that say what they cut, fences that cannot be closed early, and dates.</summary>
internal static class ToolText
{
    /// <summary>At most <paramref name="maxLength"/> characters, ending on a line break where one is near, then a note of the cut.</summary>
    public static string Cut(string text, int maxLength, string what)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var keep = maxLength;
        var lineEnd = text.LastIndexOf('\n', keep - 1, Math.Min(keep, 1_000));
        if (lineEnd > 0)
        {
            keep = lineEnd;
        }
        else if (char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        var shownLines = Lines(text.AsSpan(0, keep));
        return $"{text.AsSpan(0, keep).TrimEnd('\n')}\n… ({what} cut: showing {shownLines} of {Lines(text)} lines, {keep:N0} of {text.Length:N0} characters)";
    }

    /// <summary>A fenced block whose fence is longer than any run of backticks inside, so the content cannot end it.</summary>
    public static void AppendFenced(StringBuilder output, string text, string language = "")
    {
        var longest = 0;
        var run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', Math.Max(3, longest + 1));
        output.Append(fence).Append(language).Append('\n').Append(text.TrimEnd('\n')).Append('\n').Append(fence).Append('\n');
    }

    public static string Date(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string ShortSha(string? sha) => sha is { Length: > 12 } ? sha[..12] : sha ?? "?";

    private static int Lines(ReadOnlySpan<char> text) => text.IsEmpty ? 0 : text.TrimEnd('\n').Count('\n') + 1;
}
