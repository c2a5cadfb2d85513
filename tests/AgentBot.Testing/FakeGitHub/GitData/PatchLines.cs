using System.Globalization;
using System.Text.RegularExpressions;

namespace AgentBot.Testing.FakeGitHub.GitData;

/// <summary>Reads GitHub patch text: which lines a review comment may target on each side, and the +/- counts.</summary>
internal static partial class PatchLines
{
    /// <summary>
    /// Lines a review comment can sit on: on RIGHT the new file's added and context lines, on LEFT the old file's
    /// removed and context lines, as GitHub allows. A null patch (binary, or too large) has none.
    /// </summary>
    public static HashSet<int> Commentable(string? patch, string side)
    {
        var lines = new HashSet<int>();
        int oldLine = 0, newLine = 0;
        foreach (var line in (patch ?? string.Empty).Split('\n'))
        {
            if (HunkHeader().Match(line) is { Success: true } header)
            {
                oldLine = int.Parse(header.Groups["old"].Value, CultureInfo.InvariantCulture);
                newLine = int.Parse(header.Groups["new"].Value, CultureInfo.InvariantCulture);
                continue;
            }

            switch (line.FirstOrDefault())
            {
                case '+':
                    AddIf(side == "RIGHT", newLine++);
                    break;
                case '-':
                    AddIf(side == "LEFT", oldLine++);
                    break;
                case ' ':
                    AddIf(side == "LEFT", oldLine++);
                    AddIf(side == "RIGHT", newLine++);
                    break;
                default:
                    break;
            }
        }

        return lines;

        void AddIf(bool condition, int number)
        {
            if (condition)
            {
                lines.Add(number);
            }
        }
    }

    /// <summary>
    /// The line and side at a (deprecated) diff position: lines counted from 1 below the file's first hunk header,
    /// later hunk headers included. Null when the position falls outside the patch or on a header.
    /// </summary>
    public static (int Line, string Side)? AtPosition(string? patch, int position)
    {
        int oldLine = 0, newLine = 0, counted = -1;
        foreach (var line in (patch ?? string.Empty).Split('\n'))
        {
            if (HunkHeader().Match(line) is { Success: true } header)
            {
                oldLine = int.Parse(header.Groups["old"].Value, CultureInfo.InvariantCulture);
                newLine = int.Parse(header.Groups["new"].Value, CultureInfo.InvariantCulture);
                if (++counted == position && counted > 0)
                {
                    return null;
                }

                continue;
            }

            if (counted < 0)
            {
                continue;
            }

            (int Line, string Side)? here = line.FirstOrDefault() switch
            {
                '+' => (newLine++, "RIGHT"),
                '-' => (oldLine++, "LEFT"),
                ' ' => (newLine++, "RIGHT"),
                _ => null,
            };
            if (line.StartsWith(' '))
            {
                oldLine++;
            }

            if (++counted == position)
            {
                return here;
            }
        }

        return null;
    }

    public static (int Additions, int Deletions) Count(string? patch)
    {
        var body = (patch ?? string.Empty).Split('\n').Where(l => !l.StartsWith("@@", StringComparison.Ordinal)).ToList();
        return (body.Count(l => l.StartsWith('+')), body.Count(l => l.StartsWith('-')));
    }

    [GeneratedRegex(@"^@@ -(?<old>\d+)(,\d+)? \+(?<new>\d+)(,\d+)? @@")]
    private static partial Regex HunkHeader();
}
