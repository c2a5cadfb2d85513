namespace AgentBot.Runner.Tools.Workspace;

/// <summary>
/// Lines added and removed between two versions of a file, as <c>git diff --stat</c> would count them:
/// the shortest edit script (Myers), with a last line lacking its newline counted as different from
/// the same line with one.
/// </summary>
internal static class LineDiff
{
    // Myers costs O((n+m)·d). Past this much work the files have little in common, and counting the
    // lines present in one and not the other gives nearly the same numbers at once.
    private const long MaxWork = 50_000_000;

    public static (int Added, int Removed) Count(string before, string after)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var a = Tokens(before, ids);
        var b = Tokens(after, ids);

        var start = 0;
        while (start < a.Length && start < b.Length && a[start] == b[start])
        {
            start++;
        }

        var endA = a.Length;
        var endB = b.Length;
        while (endA > start && endB > start && a[endA - 1] == b[endB - 1])
        {
            endA--;
            endB--;
        }

        var x = a.AsSpan(start, endA - start);
        var y = b.AsSpan(start, endB - start);
        if (x.IsEmpty || y.IsEmpty)
        {
            return (y.Length, x.Length);
        }

        var distance = EditDistance(x, y);
        if (distance < 0)
        {
            return Unmatched(x, y);
        }

        // d = added + removed and m − n = added − removed.
        var added = (distance + y.Length - x.Length) / 2;
        return (added, distance - added);
    }

    private static int[] Tokens(string text, Dictionary<string, int> ids)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var lines = text.Split('\n');
        var count = lines.Length;
        var endsWithNewline = text[^1] == '\n';
        if (endsWithNewline)
        {
            count--;
        }

        var tokens = new int[count];
        for (var i = 0; i < count; i++)
        {
            var line = i == count - 1 && !endsWithNewline ? lines[i] + "\0no newline" : lines[i];
            if (!ids.TryGetValue(line, out var id))
            {
                id = ids.Count;
                ids[line] = id;
            }

            tokens[i] = id;
        }

        return tokens;
    }

    /// <summary>Myers' greedy forward search for the number of insertions plus deletions; −1 when too costly.</summary>
    private static int EditDistance(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        var n = a.Length;
        var m = b.Length;
        var max = n + m;
        var offset = max + 1;
        var v = new int[(2 * max) + 3];
        for (var d = 0; d <= max; d++)
        {
            if ((long)d * max > MaxWork)
            {
                return -1;
            }

            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])
                    ? v[offset + k + 1]
                    : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y])
                {
                    x++;
                    y++;
                }

                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    return d;
                }
            }
        }

        return max;
    }

    private static (int Added, int Removed) Unmatched(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        var remaining = new Dictionary<int, int>();
        foreach (var line in a)
        {
            remaining[line] = remaining.GetValueOrDefault(line) + 1;
        }

        var added = 0;
        foreach (var line in b)
        {
            if (remaining.GetValueOrDefault(line) > 0)
            {
                remaining[line]--;
            }
            else
            {
                added++;
            }
        }

        var removed = a.Length - (b.Length - added);
        return (added, removed);
    }
}
