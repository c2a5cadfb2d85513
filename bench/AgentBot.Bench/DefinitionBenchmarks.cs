using AgentBot.Runner.Conditions;
using AgentBot.Runner.Definitions;

namespace AgentBot.Bench;

/// <summary>What runs on every roster reload (a push to agents/ on the default branch) and on routing.</summary>
internal static class DefinitionBenchmarks
{
    public static int Run(string root)
    {
        var rosterFolder = Path.Combine(root, "agents");
        if (!Directory.Exists(rosterFolder))
        {
            Console.Error.WriteLine($"No agents/ folder under {root}; run from the repository root or pass it with --root.");
            return 2;
        }

        var roster = Directory.GetFiles(rosterFolder, "*.yml").Select(f => new AgentSource("agents/" + Path.GetFileName(f), File.ReadAllText(f))).ToList();
        var template = roster.Single(s => s.Path.EndsWith("/coder.yml", StringComparison.Ordinal)).Content;
        // A large organisation's roster: the example roster plus 200 copies of the coder, each with its own name.
        var large = Enumerable.Range(0, 200)
            .Select(i => new AgentSource($"agents/coder-{i:D3}.yml", template.Replace("name: coder", $"name: coder-{i:D3}", StringComparison.Ordinal)))
            .Concat(roster)
            .ToList();
        var check = AgentLoader.Load(large);
        if (check.Agents.Count != 205 || check.Diagnostics.Count != 0)
        {
            Console.Error.WriteLine($"The benchmark roster should load cleanly: {check.Agents.Count} agents, {check.Diagnostics.Count} diagnostics.");
            return 1;
        }

        var condition = ConditionParser.Parse("reviewer.verdict == \"approved\" && security.verdict != \"changes_requested\" || qa.confidence >= 0.8");
        var outputs = new Dictionary<(string, string), object?> { [("reviewer", "verdict")] = "approved", [("security", "verdict")] = "commented" };

        Harness.Header();
        Harness.Run("load example roster (5 files)", 200, 2_000, () => AgentLoader.Load(roster));
        Harness.Run("load 205-agent roster", 10, 100, () => AgentLoader.Load(large));
        Harness.Run("parse skip condition", 2_000, 50_000, () => ConditionParser.Parse(condition.Source));
        Harness.Run("evaluate skip condition", 2_000, 50_000, () => ConditionEvaluator.Evaluate(condition, (a, o) => outputs.GetValueOrDefault((a, o))));
        return 0;
    }
}
