using AgentBot.Runner.Diagnostics;

namespace AgentBot.Runner.Definitions;

/// <summary>
/// Loads a roster: every file is read and checked, then the files are checked against each other.
/// One broken file never hides the valid ones; the result holds the good agents plus all diagnostics.
/// </summary>
public static class AgentLoader
{
    /// <summary>Agent files above this size are refused rather than parsed.</summary>
    public const int MaxFileBytes = 256 * 1024;

    public static AgentLoadResult Load(IEnumerable<AgentSource> sources)
    {
        var files = sources
            .OrderBy(s => s.Path, StringComparer.Ordinal)
            .Select(ReadOne)
            .ToList();
        var (agents, rosterDiagnostics) = RosterValidator.Validate(files);
        var diagnostics = files.SelectMany(f => f.Diagnostics).Concat(rosterDiagnostics).ToList();
        diagnostics.Sort(Diagnostic.Compare);
        return new AgentLoadResult([.. agents.OrderBy(a => a.Name, StringComparer.Ordinal)], diagnostics);
    }

    /// <summary>
    /// Loads <c>*.yml</c> and <c>*.yaml</c> directly inside a folder, or one file. Paths in
    /// diagnostics start with <paramref name="path"/> as given, with forward slashes.
    /// </summary>
    public static AgentLoadResult LoadPath(string path)
    {
        var display = path.Replace('\\', '/').TrimEnd('/');
        if (File.Exists(path))
        {
            return Load([ReadSource(path, display)]);
        }

        if (!Directory.Exists(path))
        {
            return new AgentLoadResult([], [new Diagnostic(display, null, DiagnosticSeverity.Error, DiagnosticCodes.FolderNotFound, "no such folder or file")]);
        }

        var sources = Directory.EnumerateFiles(path)
            .Where(IsAgentFile)
            .Select(f => ReadSource(f, $"{display}/{Path.GetFileName(f)}"))
            .ToList();
        if (sources.Count == 0)
        {
            return new AgentLoadResult([], [new Diagnostic(display, null, DiagnosticSeverity.Warning, DiagnosticCodes.NoAgentFiles, "no agent files (*.yml, *.yaml) in this folder")]);
        }

        return Load(sources);
    }

    public static bool IsAgentFile(string path) =>
        path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);

    // An oversized file is read only far enough to be refused by ReadOne.
    private static AgentSource ReadSource(string file, string display)
    {
        using var reader = new StreamReader(file);
        var buffer = new char[MaxFileBytes + 1];
        var read = reader.ReadBlock(buffer, 0, buffer.Length);
        return new AgentSource(display, new string(buffer, 0, read));
    }

    private static AgentFileResult ReadOne(AgentSource source)
    {
        if (source.Content.Length > MaxFileBytes)
        {
            return new AgentFileResult(source.Path, null, null, null, [],
                [new Diagnostic(source.Path, SourcePosition.Start, DiagnosticSeverity.Error, DiagnosticCodes.NotAMapping, $"the file is larger than {MaxFileBytes / 1024} KiB; an agent file is a short YAML map")]);
        }

        return AgentFileReader.Read(source);
    }
}
