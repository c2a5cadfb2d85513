namespace AgentBot.Testing.FakeGitHub.GitData;

/// <summary>Edits to a flattened tree (path → file) that keep it a valid tree: a path is a file or a folder, never both.</summary>
internal static class TreeEdit
{
    public static void Put(Dictionary<string, GitFile> files, string path, GitFile file)
    {
        path = path.Trim('/');
        // Writing "a/b" replaces a file "a"; writing a file "a" replaces the folder "a/".
        var segments = path.Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            files.Remove(string.Join('/', segments[..i]));
        }

        Remove(files, path);
        files[path] = file;
    }

    /// <summary>Removes a file, or everything under a folder.</summary>
    public static void Remove(Dictionary<string, GitFile> files, string path)
    {
        path = path.Trim('/');
        files.Remove(path);
        foreach (var key in files.Keys.Where(k => k.StartsWith(path + "/", StringComparison.Ordinal)).ToList())
        {
            files.Remove(key);
        }
    }
}
