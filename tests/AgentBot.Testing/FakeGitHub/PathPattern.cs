using System.Text;
using System.Text.RegularExpressions;

namespace AgentBot.Testing.FakeGitHub;

/// <summary>
/// Matches request paths for <see cref="FakeGitHubServer.RequestsTo"/> and faults. A plain path is a prefix on segment
/// boundaries ("/repos/o/r/issues/1" matches ".../issues/1/comments" but not ".../issues/12"); a pattern with
/// <c>{name}</c> (one segment), <c>*</c> (within a segment) or <c>**</c> (anything) must match the whole path.
/// </summary>
internal static class PathPattern
{
    public static Func<string, bool> Compile(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Contains('{', StringComparison.Ordinal) || pattern.Contains('*', StringComparison.Ordinal))
        {
            var regex = new Regex(ToRegex(pattern), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            return regex.IsMatch;
        }

        var prefix = pattern.TrimEnd('/');
        return path => prefix.Length == 0
            || path.Equals(prefix, StringComparison.OrdinalIgnoreCase)
            || path.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase);
    }

    private static string ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '{')
            {
                var close = pattern.IndexOf('}', i);
                if (close < 0)
                {
                    throw new ArgumentException($"Unclosed '{{' in path pattern '{pattern}'.", nameof(pattern));
                }

                regex.Append("[^/]+");
                i = close;
            }
            else if (pattern[i] == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                regex.Append(".*");
                i++;
            }
            else if (pattern[i] == '*')
            {
                regex.Append("[^/]*");
            }
            else
            {
                regex.Append(Regex.Escape(pattern[i].ToString()));
            }
        }

        return regex.Append('$').ToString();
    }
}
