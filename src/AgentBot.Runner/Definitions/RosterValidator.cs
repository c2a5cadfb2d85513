using AgentBot.Runner.Diagnostics;

namespace AgentBot.Runner.Definitions;

/// <summary>
/// Checks between files: duplicate names, file names, <c>reports-to</c> targets and cycles, and what
/// <c>skip</c> conditions refer to. These fail validation but never unload an agent whose own file is sound.
/// </summary>
internal static class RosterValidator
{
    public static (List<AgentDefinition> Agents, List<Diagnostic> Diagnostics) Validate(IReadOnlyList<AgentFileResult> files)
    {
        var diagnostics = new List<Diagnostic>();
        var agents = new List<AgentDefinition>();
        var firstByName = new Dictionary<string, AgentFileResult>(StringComparer.Ordinal);
        // Of two files with one name, the one named after it wins (coder.yml over coder-old.yml), then path order.
        foreach (var file in files.OrderBy(f => NamedAfterItself(f) ? 0 : 1))
        {
            var path = file.Path;
            if (file.Name is null)
            {
                continue;
            }

            if (firstByName.TryGetValue(file.Name, out var first))
            {
                diagnostics.Add(Error(path, file.NamePosition, DiagnosticCodes.DuplicateAgent,
                    $"duplicate agent name '{file.Name}'; already defined in {first.Path}:{first.NamePosition}"));
                continue;
            }

            firstByName.Add(file.Name, file);
            var stem = Path.GetFileNameWithoutExtension(path);
            if (stem != file.Name)
            {
                diagnostics.Add(new Diagnostic(path, file.NamePosition, DiagnosticSeverity.Warning, DiagnosticCodes.FileNameMismatch,
                    $"file name '{Path.GetFileName(path)}' does not match name '{file.Name}'; rename it to '{file.Name}{Path.GetExtension(path)}'"));
            }

            if (file.Agent is { } agent)
            {
                agents.Add(agent);
            }
        }

        var byName = agents.ToDictionary(a => a.Name, StringComparer.Ordinal);
        foreach (var agent in agents)
        {
            CheckReportsTo(agent, firstByName, byName, diagnostics);
        }

        var kept = agents.ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var file in files.Where(f => f.Agent is not null && kept.Contains(f.Agent)))
        {
            CheckSkipReferences(file, firstByName, byName, diagnostics);
        }

        return (agents, diagnostics);
    }

    private static void CheckReportsTo(
        AgentDefinition agent,
        Dictionary<string, AgentFileResult> known,
        Dictionary<string, AgentDefinition> loaded,
        List<Diagnostic> diagnostics)
    {
        if (agent.ReportsTo is not { } parent)
        {
            return;
        }

        var at = agent.Positions.GetValueOrDefault(Definitions.AgentKeys.ReportsTo);
        if (!known.ContainsKey(parent))
        {
            diagnostics.Add(Error(agent.SourcePath, at, DiagnosticCodes.UnknownReportsTo,
                $"'reports-to' names unknown agent '{parent}'{Suggestions.DidYouMean(parent, known.Keys)}"));
            return;
        }

        var chain = new List<string> { agent.Name };
        var current = parent;
        while (loaded.TryGetValue(current, out var next))
        {
            chain.Add(current);
            if (current == agent.Name)
            {
                diagnostics.Add(Error(agent.SourcePath, at, DiagnosticCodes.ReportsToCycle,
                    $"'reports-to' forms a cycle: {string.Join(" -> ", chain)}"));
                return;
            }

            if (next.ReportsTo is null || chain.Count > loaded.Count)
            {
                return;
            }

            current = next.ReportsTo;
        }
    }

    private static void CheckSkipReferences(
        AgentFileResult file,
        Dictionary<string, AgentFileResult> known,
        Dictionary<string, AgentDefinition> loaded,
        List<Diagnostic> diagnostics)
    {
        foreach (var (reference, position) in file.SkipReferences)
        {
            if (!known.ContainsKey(reference.Agent))
            {
                diagnostics.Add(new Diagnostic(file.Agent!.SourcePath, position, DiagnosticSeverity.Warning, DiagnosticCodes.SkipUnknownReference,
                    $"'skip' refers to unknown agent '{reference.Agent}'{Suggestions.DidYouMean(reference.Agent, known.Keys)}"));
            }
            else if (loaded.TryGetValue(reference.Agent, out var target) && !target.Outputs.Any(o => o.Name == reference.Output))
            {
                var declared = target.Outputs.Count == 0 ? "it declares no outputs" : $"it declares {string.Join(", ", target.Outputs.Select(o => o.Name))}";
                diagnostics.Add(new Diagnostic(file.Agent!.SourcePath, position, DiagnosticSeverity.Warning, DiagnosticCodes.SkipUnknownReference,
                    $"'skip' refers to output '{reference.Output}' of agent '{reference.Agent}', but {declared}"));
            }
        }
    }

    private static bool NamedAfterItself(AgentFileResult file) =>
        file.Name is not null && Path.GetFileNameWithoutExtension(file.Path) == file.Name;

    private static Diagnostic Error(string path, SourcePosition? at, string code, string message) =>
        new(path, at, DiagnosticSeverity.Error, code, message);
}
