using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AgentBot.Testing.FakeGitHub.GitData;

/// <summary>
/// One repository's git objects and refs, content-addressed exactly as git does it (SHA-1 over "type len\0" and git's
/// own tree and commit encodings), so shas are stable, and equal to real git's for the same content and metadata.
/// Not thread-safe: the server's lock guards it.
/// </summary>
internal sealed class GitObjectStore
{
    public const string EmptyTreeSha = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    private readonly Dictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<GitTreeEntry>> _trees = new(StringComparer.Ordinal) { [EmptyTreeSha] = [] };
    private readonly Dictionary<string, GitCommit> _commits = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _refs = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Refs => _refs;

    public IEnumerable<string> CommitShas => _commits.Keys;

    public byte[]? Blob(string sha) => _blobs.GetValueOrDefault(sha);

    public IReadOnlyList<GitTreeEntry>? Tree(string sha) => _trees.GetValueOrDefault(sha);

    public GitCommit? Commit(string sha) => _commits.GetValueOrDefault(sha);

    public string? TypeOf(string sha) =>
        _commits.ContainsKey(sha) ? "commit" : _trees.ContainsKey(sha) ? "tree" : _blobs.ContainsKey(sha) ? "blob" : null;

    public string WriteBlob(byte[] content)
    {
        var sha = Hash("blob", content);
        _blobs.TryAdd(sha, content);
        return sha;
    }

    public string WriteTree(IEnumerable<GitTreeEntry> entries)
    {
        // Git sorts a tree's entries by name bytes, a subtree as if its name ended in '/'.
        var sorted = entries.OrderBy(e => e.Type == "tree" ? e.Name + "/" : e.Name, StringComparer.Ordinal).ToList();
        using var content = new MemoryStream();
        foreach (var entry in sorted)
        {
            // The API says "040000"; git's own encoding drops the leading zero.
            content.Write(Encoding.ASCII.GetBytes($"{entry.Mode.TrimStart('0')} "));
            content.Write(Encoding.UTF8.GetBytes(entry.Name));
            content.WriteByte(0);
            content.Write(Convert.FromHexString(entry.Sha));
        }

        var sha = Hash("tree", content.ToArray());
        _trees.TryAdd(sha, sorted);
        return sha;
    }

    /// <summary>Writes the nested trees for a flat map of path to file and returns the root tree's sha.</summary>
    public string WriteFiles(IReadOnlyDictionary<string, GitFile> files) =>
        WriteDirectory([.. files.Select(f => (f.Key.Split('/'), f.Value))], 0);

    private string WriteDirectory(List<(string[] Segments, GitFile File)> items, int depth)
    {
        var entries = new List<GitTreeEntry>();
        foreach (var group in items.GroupBy(i => i.Segments[depth], StringComparer.Ordinal))
        {
            var children = group.Where(i => i.Segments.Length > depth + 1).ToList();
            if (children.Count > 0)
            {
                entries.Add(new GitTreeEntry(group.Key, "040000", "tree", WriteDirectory(children, depth + 1)));
            }
            else
            {
                var file = group.Last().File;
                entries.Add(new GitTreeEntry(group.Key, file.Mode, file.Type, file.Sha));
            }
        }

        return WriteTree(entries);
    }

    /// <summary>Every blob (and submodule) under a tree, by full path.</summary>
    public Dictionary<string, GitFile> Flatten(string treeSha)
    {
        var files = new Dictionary<string, GitFile>(StringComparer.Ordinal);
        foreach (var (path, entry) in Walk(treeSha, recursive: true))
        {
            if (entry.Type != "tree")
            {
                files[path] = new GitFile(entry.Mode, entry.Type, entry.Sha);
            }
        }

        return files;
    }

    /// <summary>A tree's entries with their full paths, parents before children.</summary>
    public IEnumerable<(string Path, GitTreeEntry Entry)> Walk(string treeSha, bool recursive, string prefix = "")
    {
        foreach (var entry in Tree(treeSha) ?? [])
        {
            var path = prefix + entry.Name;
            yield return (path, entry);
            if (recursive && entry.Type == "tree")
            {
                foreach (var child in Walk(entry.Sha, recursive, path + "/"))
                {
                    yield return child;
                }
            }
        }
    }

    /// <summary>The entry at a path under a tree; the path "" is the tree itself.</summary>
    public GitTreeEntry? Find(string treeSha, string path)
    {
        var current = new GitTreeEntry(string.Empty, "040000", "tree", treeSha);
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current.Type != "tree" || Tree(current.Sha)?.FirstOrDefault(e => e.Name == segment) is not { } next)
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    public string WriteCommit(string treeSha, IReadOnlyList<string> parents, string message, GitSignature author, GitSignature committer)
    {
        var text = new StringBuilder().Append("tree ").Append(treeSha).Append('\n');
        foreach (var parent in parents)
        {
            text.Append("parent ").Append(parent).Append('\n');
        }

        text.Append("author ").Append(Signature(author)).Append('\n')
            .Append("committer ").Append(Signature(committer)).Append("\n\n")
            .Append(message);
        var sha = Hash("commit", Encoding.UTF8.GetBytes(text.ToString()));
        _commits.TryAdd(sha, new GitCommit(sha, treeSha, parents, message, author, committer));
        return sha;
    }

    private static string Signature(GitSignature signature)
    {
        var offset = signature.Date.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{signature.Name} <{signature.Email}> {signature.Date.ToUnixTimeSeconds()} {sign}{Math.Abs(offset.Hours):00}{Math.Abs(offset.Minutes):00}");
    }

    public string? Ref(string fullName) => _refs.GetValueOrDefault(fullName);

    public void SetRef(string fullName, string sha) => _refs[fullName] = sha;

    public bool DeleteRef(string fullName) => _refs.Remove(fullName);

    /// <summary>
    /// A commit sha for what GitHub accepts where it wants a commit: a full sha, a branch or tag name, "heads/x",
    /// "refs/heads/x", or an unambiguous sha prefix of at least 7 characters.
    /// </summary>
    public string? ResolveCommit(string name)
    {
        if (_commits.ContainsKey(name))
        {
            return name;
        }

        foreach (var candidate in (string[])[name, "refs/heads/" + name, "refs/tags/" + name, "refs/" + name])
        {
            if (_refs.TryGetValue(candidate, out var sha))
            {
                return sha;
            }
        }

        if (name.Length is >= 7 and < 40 && name.All(char.IsAsciiHexDigitLower))
        {
            var matches = _commits.Keys.Where(k => k.StartsWith(name, StringComparison.Ordinal)).Take(2).ToList();
            return matches.Count == 1 ? matches[0] : null;
        }

        return null;
    }

    /// <summary>The commit and every commit it descends from.</summary>
    public HashSet<string> Ancestors(string sha)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([sha]);
        while (pending.TryPop(out var current))
        {
            if (seen.Add(current) && Commit(current) is { } commit)
            {
                foreach (var parent in commit.Parents)
                {
                    pending.Push(parent);
                }
            }
        }

        return seen;
    }

    public bool IsAncestor(string ancestor, string descendant) => Ancestors(descendant).Contains(ancestor);

    /// <summary>The nearest common ancestor (breadth-first from <paramref name="b"/>), or null for unrelated histories.</summary>
    public string? MergeBase(string a, string b)
    {
        var ofA = Ancestors(a);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>([b]);
        while (pending.TryDequeue(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            if (ofA.Contains(current))
            {
                return current;
            }

            foreach (var parent in Commit(current)?.Parents ?? [])
            {
                pending.Enqueue(parent);
            }
        }

        return null;
    }

    /// <summary>Commits reachable from head but not from base, parents before children (the order GitHub lists them).</summary>
    public List<GitCommit> CommitsBetween(string baseSha, string headSha)
    {
        var excluded = Ancestors(baseSha);
        var ordered = new List<GitCommit>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        Visit(headSha);
        return ordered;

        void Visit(string sha)
        {
            if (excluded.Contains(sha) || !visited.Add(sha) || Commit(sha) is not { } commit)
            {
                return;
            }

            foreach (var parent in commit.Parents)
            {
                Visit(parent);
            }

            ordered.Add(commit);
        }
    }

    private static string Hash(string type, byte[] content)
    {
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{type} {content.Length}\0"));
        // Git names objects by SHA-1; this is an identifier, not a security boundary.
#pragma warning disable CA5350
        return Convert.ToHexStringLower(SHA1.HashData([.. header, .. content]));
#pragma warning restore CA5350
    }
}
