using static AgentBot.Tests.Routing.RoutingHarness;

namespace AgentBot.Tests.Routing;

/// <summary>Requests (a command or an agent:&lt;x&gt; label): a named agent, or the single best fit of a role or command.</summary>
public sealed class RouterRequestTests
{
    [Theory]
    [InlineData("/agent architect draft the storage layer", "architect")]
    [InlineData("/agent Coder-Flutter", "coder-flutter")]
    [InlineData("/agent qa", "qa")]
    [InlineData("/agent deployer", "deployer")]
    public void A_command_naming_an_agent_runs_exactly_that_agent(string body, string agent)
    {
        var decision = Route(Comment(body), Team.Roster);

        Assert.Equal([agent], Chosen(decision));
        Assert.Equal($"command /agent {agent}", Assert.Single(decision.Runs).Trigger);
        Assert.Equal($"named by command /agent {agent}", ReasonOf(decision, agent));
        Assert.Equal($"not named: command /agent {agent} asks for {agent}", ReasonOf(decision, "generalist"));
        Assert.Equal($"1 agent: {agent} for command /agent {agent}", decision.Summary);
        Assert.False(decision.ExplainToUser);
    }

    [Fact]
    public void A_named_agent_runs_whatever_its_skills()
    {
        var decision = Route(PullRequestComment("/agent coder-flutter", "src/App.cs", "src/App.csproj"), Team.Roster);

        Assert.Equal(["coder-flutter"], Chosen(decision));
        Assert.Equal("named by command /agent coder-flutter", ReasonOf(decision, "coder-flutter"));
        Assert.Equal("not named: command /agent coder-flutter asks for coder-flutter", ReasonOf(decision, "coder-dotnet"));
    }

    [Theory]
    [InlineData("agent:architect", "architect")]
    [InlineData("agent:Coder-Web", "coder-web")]
    [InlineData("agent:QA", "qa")]
    [InlineData("agent:security", "security")]
    public void A_label_naming_an_agent_runs_exactly_that_agent(string label, string agent)
    {
        var decision = Route(IssueLabeled(label), Team.Roster);

        Assert.Equal([agent], Chosen(decision));
        Assert.Equal($"label {label}", Assert.Single(decision.Runs).Trigger);
        Assert.Equal($"named by label {label}", ReasonOf(decision, agent));
    }

    [Fact]
    public void A_role_label_without_skills_picks_the_generalist()
    {
        var decision = Route(IssueLabeled("agent:coder"), Team.Roster);

        Assert.Equal(["generalist"], Chosen(decision));
        Assert.Equal("best fit of 4 candidates for label agent:coder (role coder): 0 matching skills", ReasonOf(decision, "generalist"));
        Assert.Equal("ranked below generalist: as many matching skills, but 2 unrelated skills (csharp, dotnet) vs 0", ReasonOf(decision, "coder-dotnet"));
        Assert.Equal("not of role coder and no trigger for label agent:coder", ReasonOf(decision, "planner"));
        Assert.Equal("manual: runs only when named", ReasonOf(decision, "architect"));
        Assert.Equal("1 agent: generalist for label agent:coder", decision.Summary);
    }

    [Fact]
    public void A_role_label_picks_the_coder_with_most_matching_skills_from_skill_labels()
    {
        var decision = Route(IssueLabeled("agent:coder", "skill:csharp", "Skill:DotNet"), Team.Roster);

        Assert.Equal(["coder-dotnet"], Chosen(decision));
        Assert.Equal("best fit of 4 candidates for label agent:coder (role coder): 2 matching skills (csharp, dotnet)", ReasonOf(decision, "coder-dotnet"));
        Assert.Equal("ranked below coder-dotnet: 1 matching skill (csharp) vs 2 (csharp, dotnet)", ReasonOf(decision, "coder-web"));
        Assert.Equal("ranked below coder-dotnet: 0 matching skills vs 2 (csharp, dotnet)", ReasonOf(decision, "generalist"));
        Assert.Equal("ranked below coder-dotnet: 0 matching skills vs 2 (csharp, dotnet)", ReasonOf(decision, "coder-flutter"));
    }

    [Fact]
    public void Equal_fits_are_ranked_by_name()
    {
        var decision = Route(IssueLabeled("agent:coder", "skill:csharp"), Team.Roster);

        Assert.Equal(["coder-dotnet"], Chosen(decision));
        Assert.Equal("ranked below coder-dotnet: same fit, coder-dotnet comes first by name", ReasonOf(decision, "coder-web"));
    }

    [Fact]
    public void A_role_label_on_a_pull_request_ranks_by_the_changed_paths()
    {
        var work = PullRequest("labeled", "lib/main.dart", "pubspec.yaml") with { AddedLabel = "agent:coder", Labels = ["agent:coder"] };

        var decision = Route(work, Team.Roster);

        Assert.Equal(["coder-flutter"], Chosen(decision));
        Assert.Equal("best fit of 4 candidates for label agent:coder (role coder): 2 matching skills (dart, flutter)", ReasonOf(decision, "coder-flutter"));
    }

    [Theory]
    [InlineData("agent:PM")]
    [InlineData("agent:pm")]
    public void Role_labels_are_case_insensitive(string label)
    {
        var decision = Route(IssueLabeled(label), Team.Roster);

        Assert.Equal(["planner"], Chosen(decision));
        Assert.Equal($"only candidate for label {label} (role PM)", ReasonOf(decision, "planner"));
    }

    [Fact]
    public void Implement_asks_for_a_coder_and_reads_skills_from_the_command()
    {
        var decision = Route(Comment("/agent implement skill:flutter, the login screen"), Team.Roster);

        Assert.Equal(["coder-flutter"], Chosen(decision));
        Assert.Equal("command /agent implement", Assert.Single(decision.Runs).Trigger);
        Assert.Equal(
            "best fit of 4 candidates for command /agent implement (role coder): 1 matching skill (flutter), 1 unrelated skill (dart)",
            ReasonOf(decision, "coder-flutter"));
        Assert.Equal("ranked below coder-flutter: 0 matching skills vs 1 (flutter)", ReasonOf(decision, "generalist"));
        Assert.Equal("not of role coder and no trigger for command /agent implement", ReasonOf(decision, "reviewer-dotnet"));
    }

    [Fact]
    public void Implement_on_a_pull_request_ranks_by_the_changed_paths()
    {
        var decision = Route(PullRequestComment("/agent implement the review comments", "src/App/App.csproj"), Team.Roster);

        Assert.Equal(["coder-dotnet"], Chosen(decision));
        Assert.Equal("ranked below coder-dotnet: 1 matching skill (csharp) vs 2 (csharp, dotnet)", ReasonOf(decision, "coder-web"));
    }

    [Theory]
    [InlineData("/agent coder skill:dotnet", "coder-dotnet", "best fit of 4 candidates for command /agent coder (role coder): 1 matching skill (dotnet), 1 unrelated skill (csharp)")]
    [InlineData("/agent PM", "planner", "only candidate for command /agent pm (role PM)")]
    [InlineData("/agent reviewer", "reviewer-general", "best fit of 3 candidates for command /agent reviewer (role reviewer): 0 matching skills")]
    public void A_command_naming_a_role_no_agent_is_named_after_picks_the_best_fit_of_that_role(string body, string agent, string reason)
    {
        var decision = Route(Comment(body), Team.Roster);

        Assert.Equal([agent], Chosen(decision));
        Assert.Equal(reason, ReasonOf(decision, agent));
    }

    [Fact]
    public void Review_asks_for_the_best_fitting_reviewer()
    {
        var decision = Route(PullRequestComment("/agent review", "lib/main.dart"), Team.Roster);

        Assert.Equal(["reviewer-flutter"], Chosen(decision));
        Assert.Equal("best fit of 3 candidates for command /agent review (role reviewer): 2 matching skills (dart, flutter)", ReasonOf(decision, "reviewer-flutter"));
        Assert.Equal("ranked below reviewer-flutter: 0 matching skills vs 2 (dart, flutter)", ReasonOf(decision, "reviewer-dotnet"));
        Assert.Equal("ranked below reviewer-flutter: 0 matching skills vs 2 (dart, flutter)", ReasonOf(decision, "reviewer-general"));
        Assert.Equal("not of role reviewer and no trigger for command /agent review", ReasonOf(decision, "security"));
    }

    [Theory]
    [InlineData("/agent plan the migration", "planner", "on command: plan")]
    [InlineData("/agent test", "qa", "on command: test")]
    public void A_command_word_runs_the_agent_whose_trigger_names_it(string body, string agent, string basis)
    {
        var verb = body.Split(' ')[1];

        var decision = Route(Comment(body), Team.Roster);

        Assert.Equal([agent], Chosen(decision));
        Assert.Equal($"only candidate for command /agent {verb} ({basis})", ReasonOf(decision, agent));
        Assert.Equal($"no trigger for command /agent {verb}", ReasonOf(decision, "coder-dotnet"));
        Assert.Equal("manual: runs only when named", ReasonOf(decision, "architect"));
    }

    [Fact]
    public void An_agent_label_named_in_a_trigger_runs_that_agent()
    {
        var decision = Route(IssueLabeled("agent:triage"), Team.Roster);

        Assert.Equal(["triager"], Chosen(decision));
        Assert.Equal("only candidate for label agent:triage (on issues.labeled: [needs-triage, agent:triage])", ReasonOf(decision, "triager"));
        Assert.Equal("no trigger for label agent:triage", ReasonOf(decision, "planner"));
    }

    [Fact]
    public void A_trigger_on_every_label_does_not_compete_for_a_role_label()
    {
        var roster = Roster(
            """
            name: tester
            role: QA
            model: openai/gpt-4.1
            prompt: Test.
            skills: [testing]
            """,
            """
            name: labels-log
            model: openai/gpt-4.1
            prompt: Log labels.
            on:
              - issues: [labeled]
            """);

        var decision = Route(IssueLabeled("agent:QA"), roster);

        Assert.Equal(["tester"], Chosen(decision));
        Assert.Equal("not of role QA and no trigger for label agent:QA", ReasonOf(decision, "labels-log"));
    }

    [Theory]
    [InlineData("/agent designer", "designer", "command /agent designer")]
    [InlineData("/agent frobnicate now", "frobnicate", "command /agent frobnicate")]
    public void A_command_nothing_fits_is_explained_with_the_roster(string body, string asked, string request)
    {
        var decision = Route(Comment(body), Team.Roster);

        Assert.Empty(Chosen(decision));
        Assert.True(decision.ExplainToUser);
        Assert.StartsWith($"No agent named or of role '{asked}'. Available:\n", decision.Summary, StringComparison.Ordinal);
        Assert.Contains("\n- architect (CEO, manual): Designs larger changes when asked.", decision.Summary, StringComparison.Ordinal);
        Assert.Contains("\n- coder-dotnet (coder): Implements .NET issues.", decision.Summary, StringComparison.Ordinal);
        Assert.Contains("\n- triager (general): Triages new issues.", decision.Summary, StringComparison.Ordinal);
        Assert.EndsWith("\nAsk with `/agent <name>`, or a label `agent:<name>` or `agent:<role>`.", decision.Summary, StringComparison.Ordinal);
        Assert.Equal([$"nothing fits {request}: no agent named or of role '{asked}'"], EventReasons(decision));
    }

    [Fact]
    public void A_label_nothing_fits_is_explained_with_the_roster()
    {
        var decision = Route(IssueLabeled("agent:designer"), Team.Roster);

        Assert.Empty(Chosen(decision));
        Assert.True(decision.ExplainToUser);
        Assert.StartsWith("No agent named or of role 'designer'. Available:\n- architect (CEO, manual)", decision.Summary, StringComparison.Ordinal);
        Assert.Equal("not of role designer and no trigger for label agent:designer", ReasonOf(decision, "generalist"));
    }

    [Fact]
    public void A_manual_agent_is_not_a_candidate_for_its_role()
    {
        var decision = Route(IssueLabeled("agent:CEO"), Team.Roster);

        Assert.Empty(Chosen(decision));
        Assert.True(decision.ExplainToUser);
        Assert.Equal("manual: runs only when named", ReasonOf(decision, "architect"));
    }

    [Fact]
    public void An_empty_roster_explains_how_to_add_agents()
    {
        var decision = Route(Comment("/agent implement"), []);

        Assert.Empty(Chosen(decision));
        Assert.True(decision.ExplainToUser);
        Assert.Equal(
            "No agent named or of role 'implement'. This repository defines no agents yet: add them as YAML files in agents/ on the default branch.",
            decision.Summary);
    }

    [Fact]
    public void A_skipped_best_fit_lets_the_next_candidate_win()
    {
        var outputs = Outputs(("reviewer-dotnet", "verdict", "approved"));

        var decision = Route(PullRequestComment("/agent review", "src/App.cs"), Team.Roster, outputs);

        Assert.Equal(["reviewer-general"], Chosen(decision));
        Assert.Equal("skip: reviewer-dotnet.verdict == \"approved\" is true", ReasonOf(decision, "reviewer-dotnet"));
        Assert.Equal("best fit of 3 candidates for command /agent review (role reviewer): 0 matching skills", ReasonOf(decision, "reviewer-general"));
        Assert.Equal("ranked below reviewer-general: as many matching skills, but 2 unrelated skills (dart, flutter) vs 0", ReasonOf(decision, "reviewer-flutter"));
    }

    [Fact]
    public void A_request_whose_every_candidate_is_skipped_is_explained()
    {
        var outputs = Outputs(("reviewer-dotnet", "verdict", "changes_requested"));

        var decision = Route(PullRequestComment("/agent test"), Team.Roster, outputs);

        Assert.Empty(Chosen(decision));
        Assert.True(decision.ExplainToUser);
        Assert.Equal("skip: reviewer-dotnet.verdict == \"changes_requested\" is true", ReasonOf(decision, "qa"));
        Assert.Equal(
            "Nothing runs for command /agent test: every candidate is skipped: qa (skip: reviewer-dotnet.verdict == \"changes_requested\" is true).",
            decision.Summary);
    }

    [Fact]
    public void A_named_agent_is_still_skipped_by_its_condition()
    {
        var outputs = Outputs(("reviewer-dotnet", "verdict", "approved"));

        var decision = Route(PullRequestComment("/agent reviewer-dotnet"), Team.Roster, outputs);

        Assert.Empty(Chosen(decision));
        Assert.True(decision.ExplainToUser);
        Assert.Equal("skip: reviewer-dotnet.verdict == \"approved\" is true", ReasonOf(decision, "reviewer-dotnet"));
        Assert.Equal(
            "Nothing runs for command /agent reviewer-dotnet: reviewer-dotnet is skipped (skip: reviewer-dotnet.verdict == \"approved\" is true).",
            decision.Summary);
    }

    [Fact]
    public void Requests_on_an_untrusted_fork_still_run()
    {
        var fork = PullRequestComment("/agent review", "src/App.cs") with { FromFork = true };
        var label = PullRequest("labeled", "src/App.cs") with { FromFork = true, AddedLabel = "agent:coder-web", Labels = ["agent:coder-web"] };

        Assert.Equal(["reviewer-dotnet"], Chosen(Route(fork, Team.Roster)));
        Assert.Equal(["coder-web"], Chosen(Route(label, Team.Roster)));
    }
}
