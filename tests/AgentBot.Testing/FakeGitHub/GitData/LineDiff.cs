using System.Globalization;
using System.Text;

namespace AgentBot.Testing.FakeGitHub.GitData;

/// <summary>
/// A small unified line diff (LCS, three lines of context, hunks closer than six lines merged, as git does) so the
/// fake's compare and pull-request files carry real patches. It skips git's "\ No newline at end of file" marker.
/// </summary>
internal static class LineDiff
{
    private const int Context = 3;

    // Beyond this many cells the LCS table is too big for a test fake; such files diff as "all removed, all added".
    private const long MaxCells = 4_000_000;

    public static TextDiff Unified(string oldText, string newText)
    {
        var ops = Script(Lines(oldText), Lines(newText));
        var patch = new StringBuilder();
        var index = 0;
        while (index < ops.Count)
        {
            if (ops[index].Kind == ' ')
            {
                index++;
                continue;
            }

            var start = Math.Max(0, index - Context);
            var lastChange = index;
            for (var j = index; j < ops.Count; j++)
            {
                if (ops[j].Kind != ' ')
                {
                    lastChange = j;
                }
                else if (j - lastChange > 2 * Context)
                {
                    break;
                }
            }

            var end = Math.Min(ops.Count, lastChange + 1 + Context);
            AppendHunk(patch, ops, start, end);
            index = end;
        }

        return new TextDiff(ops.Count(o => o.Kind == '+'), ops.Count(o => o.Kind == '-'), patch.ToString());
    }

    private static void AppendHunk(StringBuilder patch, List<Op> ops, int start, int end)
    {
        var hunk = ops.GetRange(start, end - start);
        var oldCount = hunk.Count(o => o.Kind != '+');
        var newCount = hunk.Count(o => o.Kind != '-');
        // An empty range names the line before it (0 for a new file); a one-line range drops its ",1", as git prints it.
        var oldStart = oldCount == 0 ? hunk[0].OldBefore : hunk[0].OldBefore + 1;
        var newStart = newCount == 0 ? hunk[0].NewBefore : hunk[0].NewBefore + 1;
        if (patch.Length > 0)
        {
            patch.Append('\n');
        }

        patch.Append(CultureInfo.InvariantCulture, $"@@ -{Range(oldStart, oldCount)} +{Range(newStart, newCount)} @@");
        foreach (var op in hunk)
        {
            patch.Append('\n').Append(op.Kind).Append(op.Text);
        }
    }

    private static string Range(int start, int count) =>
        count == 1 ? start.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{start},{count}");

    public static string[] Lines(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var lines = text.Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }

    private static List<Op> Script(string[] a, string[] b)
    {
        var ops = new List<Op>(a.Length + b.Length);
        int n = a.Length, m = b.Length;
        if ((long)(n + 1) * (m + 1) > MaxCells)
        {
            ops.AddRange(a.Select((line, i) => new Op('-', line, i, 0)));
            ops.AddRange(b.Select((line, j) => new Op('+', line, n, j)));
            return ops;
        }

        // lcs[i * (m + 1) + j] = length of the longest common subsequence of a[i..] and b[j..].
        var lcs = new int[(n + 1) * (m + 1)];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lcs[(i * (m + 1)) + j] = a[i] == b[j]
                    ? lcs[((i + 1) * (m + 1)) + j + 1] + 1
                    : Math.Max(lcs[((i + 1) * (m + 1)) + j], lcs[(i * (m + 1)) + j + 1]);
            }
        }

        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[x] == b[y])
            {
                ops.Add(new Op(' ', a[x], x++, y++));
            }
            else if (y == m || (x < n && lcs[((x + 1) * (m + 1)) + y] >= lcs[(x * (m + 1)) + y + 1]))
            {
                ops.Add(new Op('-', a[x], x++, y));
            }
            else
            {
                ops.Add(new Op('+', b[y], x, y++));
            }
        }

        return ops;
    }

    /// <summary>One diff line: its kind (' ', '-', '+'), its text, and how many old and new lines come before it.</summary>
    private readonly record struct Op(char Kind, string Text, int OldBefore, int NewBefore);
}
