using AgentBot.Runner.Definitions;
using AgentBot.Testing;
using static AgentBot.Tests.Routing.RoutingHarness;

namespace AgentBot.Tests.Routing;

/// <summary>The repository's own agents/ folder, routed as the README promises.</summary>
public sealed class ExampleRosterRoutingTests
{
    private static readonly IReadOnlyList<AgentDefinition> Agents = LoadExamples();

    [Fact]
    public void The_example_roster_loads_without_errors()
    {
        var result = AgentLoader.LoadPath(RepositoryRoot.Combine("agents"));

        Assert.False(result.HasErrors, string.Join('\n', result.Diagnostics));
        Assert.Equal(5, result.Agents.Count);
    }

    [Fact]
    public void A_new_pull_request_gets_the_reviewer_and_the_security_reviewer_in_parallel()
    {
        var decision = Route(PullRequest("opened", "src/AgentBot/Routing/Router.cs", "tests/AgentBot.Tests/Routing/RouterTests.cs"), Agents);

        Assert.Equal(["reviewer", "security"], Chosen(decision));
        Assert.Equal("on pull_request: [opened, reopened, synchronize, ready_for_review] matches pull_request opened", ReasonOf(decision, "reviewer"));
        Assert.Equal("on pull_request: [opened, synchronize] matches pull_request opened", ReasonOf(decision, "security"));
        Assert.Equal("no trigger for pull_request opened (on: pull_request: [ready_for_review]; command: test)", ReasonOf(decision, "qa"));
        Assert.Equal("no trigger for pull_request opened (on: issues.labeled: agent:coder; command: implement)", ReasonOf(decision, "coder"));
        Assert.Equal("no trigger for pull_request opened (on: command: plan)", ReasonOf(decision, "lead"));
        Assert.Equal("2 agents: reviewer, security for pull_request opened", decision.Summary);
    }

    [Fact]
    public void Ready_for_review_brings_in_qa_beside_the_reviewer()
    {
        var decision = Route(PullRequest("ready_for_review", "src/App.cs"), Agents);

        Assert.Equal(["qa", "reviewer"], Chosen(decision));
        Assert.Equal("no trigger for pull_request ready_for_review (on: pull_request: [opened, synchronize])", ReasonOf(decision, "security"));
    }

    [Fact]
    public void The_coder_label_runs_the_coder()
    {
        var decision = Route(IssueLabeled("agent:coder"), Agents);

        Assert.Equal(["coder"], Chosen(decision));
        Assert.Equal("named by label agent:coder", ReasonOf(decision, "coder"));
        Assert.Equal("not named: label agent:coder asks for coder", ReasonOf(decision, "reviewer"));
    }

    [Theory]
    [InlineData("/agent plan", "lead", "only candidate for command /agent plan (on command: plan)")]
    [InlineData("/agent implement", "coder", "only candidate for command /agent implement (role coder, on command: implement)")]
    [InlineData("/agent review", "reviewer", "only candidate for command /agent review (role reviewer, on command: review)")]
    [InlineData("/agent test", "qa", "only candidate for command /agent test (on command: test)")]
    [InlineData("/agent security", "security", "named by command /agent security")]
    public void Commands_run_the_agent_the_readme_promises(string body, string agent, string reason)
    {
        var decision = Route(Comment(body), Agents);

        Assert.Equal([agent], Chosen(decision));
        Assert.Equal(reason, ReasonOf(decision, agent));
    }

    [Fact]
    public void Asking_for_a_designer_is_answered_with_the_roster()
    {
        var decision = Route(Comment("/agent designer"), Agents);

        Assert.Empty(Chosen(decision));
        Assert.True(decision.ExplainToUser);
        Assert.StartsWith("No agent named or of role 'designer'. Available:", decision.Summary, StringComparison.Ordinal);
        foreach (var agent in Agents)
        {
            Assert.Contains($"\n- {agent.Name} ({AgentVocabulary.Roles.NameOf(agent.Role)}): {agent.Description}", decision.Summary, StringComparison.Ordinal);
        }

        Assert.Contains("`/agent <name>`", decision.Summary, StringComparison.Ordinal);
        Assert.Equal("not of role designer and no trigger for command /agent designer", ReasonOf(decision, "coder"));
    }

    private static IReadOnlyList<AgentDefinition> LoadExamples()
    {
        var result = AgentLoader.LoadPath(RepositoryRoot.Combine("agents"));
        Assert.False(result.HasErrors, string.Join('\n', result.Diagnostics));
        Assert.Equal(["coder", "lead", "qa", "reviewer", "security"], result.Agents.Select(a => a.Name));
        return result.Agents;
    }
}
