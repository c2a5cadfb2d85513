using System.Text.Json;
using AgentBot.Runner.Definitions;
using AgentBot.Testing;

namespace AgentBot.Runner.Tests.Schema;

/// <summary>The example roster in agents/ doubles as documentation: it must be clean under the loader and the schema.</summary>
public sealed class RosterTests
{
    private static readonly string Agents = RepositoryRoot.Combine("agents");
    private static readonly string Broken = RepositoryRoot.Combine("tests", "AgentBot.Runner.Tests", "TestData", "broken");

    [Fact]
    public void The_example_roster_loads_without_a_single_diagnostic()
    {
        var result = AgentLoader.LoadPath(Agents);

        Assert.Empty(result.Diagnostics.Select(d => d.ToString()));
        var roles = result.Agents.ToDictionary(a => a.Name, a => a.Role);
        Assert.Contains(AgentRole.Coder, roles.Values);
        Assert.Contains(AgentRole.Reviewer, roles.Values);
        Assert.Contains(AgentRole.QA, roles.Values);
        var lead = Assert.Single(result.Agents, a => a.Role == AgentRole.Ceo);
        var security = Assert.Single(result.Agents, a => a.Role == AgentRole.Security);
        Assert.Equal(Behavior.Advisory, security.Behavior);
        Assert.All(result.Agents.Where(a => a != lead), a => Assert.Equal(lead.Name, a.ReportsTo));
        Assert.All(result.Agents, a => Assert.True(a.SystemPrompt.Length > 200, $"{a.Name} needs a real prompt"));
    }

    [Fact]
    public async Task The_schema_accepts_the_roster_and_refuses_what_the_loader_refuses()
    {
        var tools = await NodeTools.EnsureInstalledAsync();
        Assert.SkipWhen(tools is null, "node and npm are not installed: the JSON Schema is not checked with a real validator (.ci/run installs them)");

        string[] mustFail =
        [
            "unknown-key.yml", "wrong-type.yml", "bad-enum.yml", "missing-name.yml", "missing-model.yml", "bad-model.yml",
            "bad-name.yml", "unknown-tool.yml", "bad-trigger.yml", "bad-duration.yml", "not-a-map.yml", "bad-mcp.yml", "duplicate-key.yml",
        ];
        var good = Directory.GetFiles(Agents, "*.yml").Append(Path.Combine(Broken, "valid.yml")).ToList();
        var bad = mustFail.Select(f => Path.Combine(Broken, f)).ToList();

        var result = await ProcessRunner.RunAsync(
            NodeTools.Node!, [Path.Combine(tools!, "validate-schema.mjs"), RepositoryRoot.Combine("schema", "agent.schema.json"), .. good, .. bad],
            tools!, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        Assert.True(result.ExitCode == 0, result.Error);
        var verdicts = JsonDocument.Parse(result.Output).RootElement;

        Assert.True(good.Count >= 6);
        Assert.All(good, f => Assert.True(verdicts.GetProperty(f).GetProperty("valid").GetBoolean(), $"{f}: {verdicts.GetProperty(f).GetProperty("errors")}"));
        Assert.All(bad, f => Assert.False(verdicts.GetProperty(f).GetProperty("valid").GetBoolean(), $"{f} passed the schema"));
        Assert.All(bad, f => Assert.True(AgentLoader.LoadPath(f).HasErrors, $"{f} passed the loader"));
    }
}
