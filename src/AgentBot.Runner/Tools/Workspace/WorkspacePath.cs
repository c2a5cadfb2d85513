using System.Diagnostics.CodeAnalysis;

namespace AgentBot.Runner.Tools.Workspace;

/// <summary>
/// A path argument resolved inside a run's workspace. <see cref="FullPath"/> has every symbolic link
/// already followed, so a tool that works on it never follows a link out of the workspace.
/// </summary>
/// <param name="Root">The workspace's real path (links followed).</param>
/// <param name="FullPath">The real path of the argument; the deepest missing part, if any, appended as written.</param>
/// <param name="Relative">FullPath relative to Root, with forward slashes; empty for the root itself.</param>
internal sealed record WorkspacePath(string Root, string FullPath, string Relative)
{
    // The same limit as Linux's ELOOP: a chain of links longer than this is a loop or an attack.
    private const int MaxLinkHops = 40;

    /// <summary>How the argument is shown back to the model: the relative path, or "." for the root.</summary>
    public string Display => Relative.Length == 0 ? "." : Relative;

    /// <summary>
    /// Resolves a path argument relative to the workspace. Refuses absolute paths, <c>..</c> that climbs
    /// above the root, and anything that lands outside once links are followed, whether the link is
    /// the file itself or a directory on the way. A workspace is a checkout of untrusted contents, so a
    /// committed symlink to <c>/etc</c> or <c>~/.ssh</c> must not become a way out.
    /// </summary>
    public static bool TryResolve(
        string workspace,
        string? path,
        [NotNullWhen(true)] out WorkspacePath? resolved,
        [NotNullWhen(false)] out string? error)
    {
        resolved = null;
        if (path is null)
        {
            error = "path is required";
            return false;
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            error = "path contains a NUL character";
            return false;
        }

        if (!TryGetRoot(workspace, out var root, out error))
        {
            return false;
        }

        if (Path.IsPathRooted(path))
        {
            // Models often echo a full path they saw in Bash output; say what to give instead.
            var full = Path.GetFullPath(path);
            error = IsInside(root, full) && full.Length > root.Length
                ? $"path '{path}' is absolute; give it relative to the workspace root: '{ToRelative(root, full)}'"
                : $"path '{path}' is absolute and outside the workspace; give a path relative to the workspace root, like 'src/file.cs'";
            return false;
        }

        if (ClimbsAboveRoot(path))
        {
            error = $"path '{path}' is outside the workspace";
            return false;
        }

        var real = RealPath(Path.Combine(root, path), out var loop);
        if (loop)
        {
            error = $"path '{path}' has too many levels of symbolic links";
            return false;
        }

        if (!IsInside(root, real))
        {
            error = $"path '{path}' is outside the workspace";
            return false;
        }

        // The repository's metadata is off limits: .git/config may carry the checkout's credentials, and a
        // hook written into .git/hooks would run with whatever environment later git commands have.
        var relative = ToRelative(root, real);
        if (relative.Split('/').Contains(".git", StringComparer.Ordinal))
        {
            error = $"path '{path}' is inside .git; inspect the repository with git commands through Bash instead";
            return false;
        }

        resolved = new WorkspacePath(root, real, relative);
        error = null;
        return true;
    }

    /// <summary>The workspace root with its own links followed (a workspace under a linked /tmp is fine).</summary>
    public static bool TryGetRoot(string workspace, [NotNullWhen(true)] out string? root, [NotNullWhen(false)] out string? error)
    {
        root = null;
        if (string.IsNullOrEmpty(workspace) || !Path.IsPathFullyQualified(workspace))
        {
            error = "the workspace is not an absolute folder";
            return false;
        }

        var real = RealPath(Path.GetFullPath(workspace), out var loop);
        if (loop || !Directory.Exists(real))
        {
            error = "the workspace folder does not exist";
            return false;
        }

        root = real;
        error = null;
        return true;
    }

    /// <summary>Whether a real path (links followed) is the root or below it.</summary>
    public static bool IsInside(string root, string realPath) =>
        realPath.Length == root.Length
            ? string.Equals(realPath, root, StringComparison.Ordinal)
            : realPath.StartsWith(root, StringComparison.Ordinal)
              && (root.EndsWith(Path.DirectorySeparatorChar) || realPath[root.Length] == Path.DirectorySeparatorChar);

    /// <summary>The real path of an entry found while walking the workspace, or null when it leads outside.</summary>
    public static string? RealPathInside(string root, string fullPath)
    {
        var real = RealPath(fullPath, out var loop);
        return !loop && IsInside(root, real) ? real : null;
    }

    public static string ToRelative(string root, string realPath) =>
        realPath.Length <= root.Length
            ? string.Empty
            : Path.GetRelativePath(root, realPath).Replace(Path.DirectorySeparatorChar, '/');

    // A purely lexical check first, so "a/../../x" gets the plain "outside" answer without touching the disk.
    private static bool ClimbsAboveRoot(string path)
    {
        var depth = 0;
        foreach (var part in path.Split('/', '\\'))
        {
            if (part == "..")
            {
                if (--depth < 0)
                {
                    return true;
                }
            }
            else if (part is not ("" or "."))
            {
                depth++;
            }
        }

        return false;
    }

    /// <summary>
    /// realpath(3) that tolerates a missing tail: walks the path one component at a time and, whenever a
    /// component is a link, splices its target into what is left to walk, so a link to a link, a relative
    /// target and a ".." after a link all resolve as the kernel would. Components after the first missing
    /// one cannot be links, so they are appended lexically.
    /// </summary>
    private static string RealPath(string fullPath, out bool loop)
    {
        loop = false;
        var separator = Path.DirectorySeparatorChar.ToString();
        var prefix = Path.GetPathRoot(fullPath) ?? separator;
        var pending = new Stack<string>();
        Push(pending, fullPath[prefix.Length..]);
        var resolved = new List<string>();
        var hops = 0;
        var exists = true;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            resolved.Add(part);
            if (!exists)
            {
                continue;
            }

            var current = prefix + string.Join(separator, resolved);
            var target = new FileInfo(current).LinkTarget;
            if (target is null)
            {
                exists = File.Exists(current) || Directory.Exists(current);
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                loop = true;
                return current;
            }

            resolved.RemoveAt(resolved.Count - 1);
            if (Path.IsPathRooted(target))
            {
                resolved.Clear();
                prefix = Path.GetPathRoot(target) ?? separator;
                target = target[prefix.Length..];
            }

            Push(pending, target);
        }

        return prefix + string.Join(separator, resolved);
    }

    private static void Push(Stack<string> pending, string path)
    {
        var parts = path.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }
    }
}
