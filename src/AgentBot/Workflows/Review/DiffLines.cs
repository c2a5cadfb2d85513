using System.Globalization;
using System.Text.RegularExpressions;

namespace AgentBot.Workflows.Review;

/// <summary>
/// Reads a file's patch as GitHub lists it (hunks only, no ---/+++ header) into the lines an inline review comment
/// may target. GitHub answers 422 "Line could not be resolved" for any other line, which would sink the whole review.
/// </summary>
public static partial class DiffLines
{
    /// <summary>
    /// RIGHT for added and context lines by their new-file numbers, LEFT for removed lines by their old numbers.
    /// A null patch (binary file, or a diff too large for GitHub to show) has none.
    /// </summary>
    public static IReadOnlySet<DiffLine> Parse(string? patch)
    {
        var lines = new HashSet<DiffLine>();
        if (patch is null)
        {
            return lines;
        }

        int oldLine = 0, newLine = 0;
        var inHunk = false;
        foreach (var raw in patch.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (HunkHeader().Match(line) is { Success: true } header)
            {
                oldLine = int.Parse(header.Groups["old"].Value, CultureInfo.InvariantCulture);
                newLine = int.Parse(header.Groups["new"].Value, CultureInfo.InvariantCulture);
                inHunk = true;
                continue;
            }

            // Text before the first hunk (a diff header, if one slipped in) has no line numbers.
            if (!inHunk)
            {
                continue;
            }

            switch (line.FirstOrDefault())
            {
                case '+':
                    lines.Add(new DiffLine(newLine++, DiffLine.Right));
                    break;
                case '-':
                    lines.Add(new DiffLine(oldLine++, DiffLine.Left));
                    break;
                case ' ':
                    lines.Add(new DiffLine(newLine++, DiffLine.Right));
                    oldLine++;
                    break;
                default:
                    // "\ No newline at end of file" and the empty tail after a final newline number nothing.
                    break;
            }
        }

        return lines;
    }

    /// <summary>RIGHT when the new file's line is in the diff, else LEFT when only a removed line has that number, else null.</summary>
    public static string? SideFor(IReadOnlySet<DiffLine> lines, int line) =>
        lines.Contains(new DiffLine(line, DiffLine.Right)) ? DiffLine.Right
        : lines.Contains(new DiffLine(line, DiffLine.Left)) ? DiffLine.Left
        : null;

    [GeneratedRegex(@"^@@ -(?<old>\d+)(?:,\d+)? \+(?<new>\d+)(?:,\d+)? @@")]
    private static partial Regex HunkHeader();
}
