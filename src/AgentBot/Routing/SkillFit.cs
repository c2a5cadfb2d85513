using AgentBot.Runner.Definitions;

namespace AgentBot.Routing;

// How well an agent's skills fit the work: the skills both share, and the agent's skills the work
// does not need. Candidates rank by more matching skills, then fewer unrelated ones, then name.
internal sealed record SkillFit(AgentDefinition Agent, IReadOnlyList<string> Matching, IReadOnlyList<string> Unrelated)
{
    public static IComparer<SkillFit> Ranking { get; } = Comparer<SkillFit>.Create(Compare);

    public string Name => Agent.Name;

    // An agent without skills is a generalist: never dropped for a skill mismatch.
    public bool IsSpecialist => Agent.Skills.Count > 0;

    public static SkillFit Of(AgentDefinition agent, IReadOnlySet<string> workSkills)
    {
        var skills = agent.Skills.Select(s => s.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
        return new SkillFit(agent, [.. skills.Where(workSkills.Contains)], [.. skills.Where(s => !workSkills.Contains(s))]);
    }

    public static List<SkillFit> Rank(IEnumerable<AgentDefinition> agents, IReadOnlySet<string> workSkills) =>
        [.. agents.Select(a => Of(a, workSkills)).Order(Ranking)];

    // e.g. "2 matching skills (csharp, dotnet), 1 unrelated skill (typescript)".
    public string Describe() =>
        Unrelated.Count == 0 ? Count(Matching, "matching skill") : $"{Count(Matching, "matching skill")}, {Count(Unrelated, "unrelated skill")}";

    // Why this fit ranks below winner, naming the decisive criterion.
    public string RankedBelow(SkillFit winner)
    {
        if (Matching.Count != winner.Matching.Count)
        {
            return $"ranked below {winner.Name}: {Count(Matching, "matching skill")} vs {Count(winner.Matching, null)}";
        }

        if (Unrelated.Count != winner.Unrelated.Count)
        {
            return $"ranked below {winner.Name}: as many matching skills, but {Count(Unrelated, "unrelated skill")} vs {Count(winner.Unrelated, null)}";
        }

        return $"ranked below {winner.Name}: same fit, {winner.Name} comes first by name";
    }

    private static int Compare(SkillFit? x, SkillFit? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : 1) : -1;
        }

        var byMatching = y.Matching.Count.CompareTo(x.Matching.Count);
        if (byMatching != 0)
        {
            return byMatching;
        }

        var byUnrelated = x.Unrelated.Count.CompareTo(y.Unrelated.Count);
        return byUnrelated != 0 ? byUnrelated : string.CompareOrdinal(x.Name, y.Name);
    }

    // "1 matching skill (csharp)", "2 matching skills (csharp, dotnet)", "0 matching skills"; a null noun gives "2 (csharp, dotnet)".
    private static string Count(IReadOnlyList<string> skills, string? noun)
    {
        var head = noun is null ? $"{skills.Count}" : $"{skills.Count} {noun}{(skills.Count == 1 ? string.Empty : "s")}";
        return skills.Count == 0 ? head : $"{head} ({string.Join(", ", skills)})";
    }
}
