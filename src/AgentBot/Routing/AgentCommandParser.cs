using System.Text.RegularExpressions;

namespace AgentBot.Routing;

/// <summary>
/// Finds the <c>/agent</c> commands in a comment: one per line that starts with <c>/agent</c>.
/// Lines inside fenced code blocks and quoted lines are not commands, so quoting or documenting
/// someone's command never runs it again.
/// </summary>
public static partial class AgentCommandParser
{
    private const string Prefix = "/agent";
    private const string HelpVerb = "help";

    public static IReadOnlyList<AgentCommand> Parse(string commentBody)
    {
        ArgumentNullException.ThrowIfNull(commentBody);

        var commands = new List<AgentCommand>();
        (char Marker, int Length)? fence = null;
        foreach (var rawLine in commentBody.Split('\n'))
        {
            // Any indentation is accepted, more than Markdown's three spaces: a fence nested in a list
            // item is still code, and treating too much as code can only run fewer commands, never more.
            var line = rawLine.Trim();
            if (fence is { } open)
            {
                if (ClosesFence(line, open.Marker, open.Length))
                {
                    fence = null;
                }

                continue;
            }

            if (OpensFence(line) is { } opened)
            {
                fence = opened;
                continue;
            }

            if (line.StartsWith('>'))
            {
                continue;
            }

            if (ParseLine(line) is { } command)
            {
                commands.Add(command);
            }
        }

        return commands;
    }

    private static AgentCommand? ParseLine(string line)
    {
        // Case-insensitive: phone keyboards capitalise the first letter of a comment.
        if (!line.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = line[Prefix.Length..];
        if (rest.Length > 0 && !char.IsWhiteSpace(rest[0]))
        {
            return null; // "/agents", "/agent:coder" and the like are not commands.
        }

        rest = rest.Trim();
        if (rest.Length == 0)
        {
            return new AgentCommand(HelpVerb, string.Empty);
        }

        var end = 0;
        while (end < rest.Length && !char.IsWhiteSpace(rest[end]))
        {
            end++;
        }

        var verb = rest[..end].ToLowerInvariant();
        return Verb().IsMatch(verb) ? new AgentCommand(verb, rest[end..].Trim()) : null;
    }

    private static (char Marker, int Length)? OpensFence(string line)
    {
        if (line.Length < 3 || line[0] is not ('`' or '~'))
        {
            return null;
        }

        var length = RunLength(line, line[0]);
        return length >= 3 ? (line[0], length) : null;
    }

    // CommonMark: the closing fence uses the same character, is at least as long, and carries no info string.
    private static bool ClosesFence(string line, char marker, int length) =>
        line.Length > 0 && line[0] == marker && RunLength(line, marker) >= length && RunLength(line, marker) == line.Length;

    private static int RunLength(string line, char marker)
    {
        var n = 0;
        while (n < line.Length && line[n] == marker)
        {
            n++;
        }

        return n;
    }

    // Loose on purpose: the router decides what a verb means; this only rejects what cannot be one.
    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex Verb();
}
