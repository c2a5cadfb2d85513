namespace AgentBot.Runner.Tools.Workspace;

/// <summary>A file found by <see cref="WorkspaceWalker"/>.</summary>
/// <param name="FullPath">Where to read it: the real path, links followed (always inside the workspace).</param>
/// <param name="Relative">Where it was found, relative to the workspace root, with forward slashes.</param>
/// <param name="Info">Size and modification time of the real file.</param>
internal sealed record WorkspaceFile(string FullPath, string Relative, FileInfo Info);

/// <summary>
/// Lists the files below a workspace folder for Glob and Grep. Skips <c>.git</c>, never descends
/// into a linked folder (it may point outside, or back up into a loop), and keeps a linked file only
/// when its target is a file inside the workspace.
/// </summary>
internal static class WorkspaceWalker
{
    private static readonly EnumerationOptions Options = new()
    {
        IgnoreInaccessible = true,
        AttributesToSkip = 0,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
        MatchType = MatchType.Simple,
    };

    public static IEnumerable<WorkspaceFile> Files(string root, string start, CancellationToken cancellationToken)
    {
        var folders = new Stack<string>();
        folders.Push(start);
        while (folders.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var folder = folders.Pop();
            List<FileSystemInfo> entries;
            try
            {
                entries = [.. new DirectoryInfo(folder).EnumerateFileSystemInfos("*", Options)];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A folder removed or locked while walking is simply not there.
                continue;
            }

            // Reverse order on the stack, so folders are walked in name order.
            entries.Sort((x, y) => string.CompareOrdinal(y.Name, x.Name));
            var files = new List<WorkspaceFile>();
            foreach (var entry in entries)
            {
                if (entry.Name == ".git")
                {
                    continue;
                }

                var linked = entry.Attributes.HasFlag(FileAttributes.ReparsePoint);
                if (entry is DirectoryInfo)
                {
                    if (!linked)
                    {
                        folders.Push(entry.FullName);
                    }

                    continue;
                }

                var relative = WorkspacePath.ToRelative(root, entry.FullName);
                if (!linked)
                {
                    files.Add(new WorkspaceFile(entry.FullName, relative, (FileInfo)entry));
                }
                else if (WorkspacePath.RealPathInside(root, entry.FullName) is { } real && File.Exists(real) && !Directory.Exists(real))
                {
                    files.Add(new WorkspaceFile(real, relative, new FileInfo(real)));
                }
            }

            for (var i = files.Count - 1; i >= 0; i--)
            {
                yield return files[i];
            }
        }
    }
}
