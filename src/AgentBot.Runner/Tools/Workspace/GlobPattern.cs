using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;

namespace AgentBot.Runner.Tools.Workspace;

/// <summary>
/// A glob over forward-slash relative paths: <c>*</c> and <c>?</c> within one folder, <c>**</c> across
/// folders (<c>src/**/*.cs</c> also matches <c>src/a.cs</c>), <c>[abc]</c>, <c>[a-z]</c>, <c>[!abc]</c>,
/// <c>{a,b}</c> (nestable), and <c>\</c> to escape. Names starting with a dot are matched like any other.
/// </summary>
internal sealed class GlobPattern
{
    private readonly Regex _regex;

    private GlobPattern(string pattern, Regex regex)
    {
        Pattern = pattern;
        _regex = regex;
    }

    public string Pattern { get; }

    /// <summary>True when the pattern has a folder part; without one, a filter applies to file names.</summary>
    public bool HasFolder => Pattern.Contains('/', StringComparison.Ordinal);

    public bool IsMatch(string relativePath) => _regex.IsMatch(relativePath);

    public static bool TryParse(string pattern, [NotNullWhen(true)] out GlobPattern? glob, [NotNullWhen(false)] out string? error)
    {
        glob = null;
        var trimmed = pattern.StartsWith("./", StringComparison.Ordinal) ? pattern[2..] : pattern;
        if (trimmed.Length == 0)
        {
            error = "pattern is empty";
            return false;
        }

        if (trimmed.StartsWith('/') || trimmed.Split('/').Contains(".."))
        {
            error = $"pattern '{pattern}' must be relative to the search folder, without '..'";
            return false;
        }

        var regex = new StringBuilder("^");
        Translate(trimmed, regex);
        regex.Append('$');

        // NonBacktracking keeps matching linear however many ** and braces a pattern stacks up.
        glob = new GlobPattern(trimmed, new Regex(regex.ToString(), RegexOptions.NonBacktracking | RegexOptions.CultureInvariant));
        error = null;
        return true;
    }

    private static void Translate(string pattern, StringBuilder regex)
    {
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*' && StartsSegment(pattern, i) && EndsSegment(pattern, i + 2):
                    if (i + 2 == pattern.Length)
                    {
                        regex.Append(".*");
                        i += 2;
                    }
                    else
                    {
                        // "**/" is zero or more whole folders.
                        regex.Append("(?:[^/]*/)*");
                        i += 3;
                    }

                    break;
                case '*':
                    regex.Append("[^/]*");
                    while (i < pattern.Length && pattern[i] == '*')
                    {
                        i++;
                    }

                    break;
                case '?':
                    regex.Append("[^/]");
                    i++;
                    break;
                case '[' when ClassEnd(pattern, i) is var end and > 0:
                    AppendClass(pattern.AsSpan(i + 1, end - i - 1), regex);
                    i = end + 1;
                    break;
                case '{' when BraceEnd(pattern, i) is var end and > 0:
                    regex.Append("(?:");
                    var alternatives = SplitAlternatives(pattern[(i + 1)..end]);
                    for (var a = 0; a < alternatives.Count; a++)
                    {
                        if (a > 0)
                        {
                            regex.Append('|');
                        }

                        Translate(alternatives[a], regex);
                    }

                    regex.Append(')');
                    i = end + 1;
                    break;
                case '\\' when i + 1 < pattern.Length:
                    regex.Append(Regex.Escape(pattern[i + 1].ToString()));
                    i += 2;
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    i++;
                    break;
            }
        }
    }

    private static bool StartsSegment(string pattern, int i) => i == 0 || pattern[i - 1] == '/';

    private static bool EndsSegment(string pattern, int i) => i == pattern.Length || pattern[i] == '/';

    /// <summary>The index of the ']' closing a class opened at <paramref name="start"/>, or −1 when unclosed.</summary>
    private static int ClassEnd(string pattern, int start)
    {
        var i = start + 1;
        if (i < pattern.Length && pattern[i] is '!' or '^')
        {
            i++;
        }

        // A ']' right after the opening (or its negation) is a literal member, as in shells.
        if (i < pattern.Length && pattern[i] == ']')
        {
            i++;
        }

        for (; i < pattern.Length; i++)
        {
            if (pattern[i] == ']')
            {
                return i;
            }

            if (pattern[i] == '/')
            {
                return -1;
            }
        }

        return -1;
    }

    private static void AppendClass(ReadOnlySpan<char> body, StringBuilder regex)
    {
        regex.Append('[');
        var i = 0;
        if (body.Length > 0 && body[0] is '!' or '^')
        {
            regex.Append('^');
            i++;
        }

        for (; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '-' && i > 0 && i < body.Length - 1 && !(i == 1 && body[0] is '!' or '^'))
            {
                regex.Append('-');
            }
            else if (c is '\\' or ']' or '[' or '^' or '-')
            {
                regex.Append('\\').Append(c);
            }
            else
            {
                regex.Append(c);
            }
        }

        // Subtracting '/' keeps a class, like * and ?, inside one folder.
        regex.Append("-[/]]");
    }

    private static int BraceEnd(string pattern, int start)
    {
        var depth = 0;
        for (var i = start; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\':
                    i++;
                    break;
                case '{':
                    depth++;
                    break;
                case '}' when --depth == 0:
                    return i;
            }
        }

        return -1;
    }

    private static List<string> SplitAlternatives(string body)
    {
        var parts = new List<string>();
        var depth = 0;
        var from = 0;
        for (var i = 0; i < body.Length; i++)
        {
            switch (body[i])
            {
                case '\\':
                    i++;
                    break;
                case '{':
                    depth++;
                    break;
                case '}':
                    depth--;
                    break;
                case ',' when depth == 0:
                    parts.Add(body[from..i]);
                    from = i + 1;
                    break;
            }
        }

        parts.Add(body[from..]);
        return parts;
    }
}
