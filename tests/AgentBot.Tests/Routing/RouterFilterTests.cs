using static AgentBot.Tests.Routing.RoutingHarness;

namespace AgentBot.Tests.Routing;

/// <summary>Events that start nothing whatever the roster: bots, control commands, plain comments, approval buttons.</summary>
public sealed class RouterFilterTests
{
    [Fact]
    public void The_team_roster_loads_without_errors()
    {
        var result = Load(Team.Yamls);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(14, result.Agents.Count);
    }

    [Fact]
    public void A_bot_sender_starts_nothing()
    {
        var decision = Route(PullRequest("opened", "src/App.cs") with { Sender = "renovate[bot]", SenderIsBot = true }, Team.Roster);

        Assert.Empty(Chosen(decision));
        Assert.Equal(["sender is a bot; AgentBot never answers bots"], EventReasons(decision));
        Assert.Equal("sender is a bot; AgentBot never answers bots", ReasonOf(decision, "reviewer-dotnet"));
        Assert.False(decision.ExplainToUser);
    }

    [Fact]
    public void A_bot_naming_an_agent_starts_nothing_either()
    {
        var decision = Route(Comment("/agent coder-dotnet") with { SenderIsBot = true }, Team.Roster);

        Assert.Empty(Chosen(decision));
        Assert.Equal("sender is a bot; AgentBot never answers bots", ReasonOf(decision, "coder-dotnet"));
    }

    [Theory]
    [InlineData("/agent", "help")]
    [InlineData("/agent help", "help")]
    [InlineData("/agent list", "list")]
    [InlineData("/agent status", "status")]
    [InlineData("/agent approve 42", "approve")]
    [InlineData("/agent reject", "reject")]
    [InlineData("/agent cancel", "cancel")]
    [InlineData("/agent retry", "retry")]
    [InlineData("/agent trust", "trust")]
    public void A_control_command_is_left_to_the_workflows(string body, string verb)
    {
        var decision = Route(Comment(body), Team.Roster);

        Assert.Empty(Chosen(decision));
        var reason = $"/agent {verb} is a control command, handled by the workflows, not the router";
        Assert.Equal([reason], EventReasons(decision));
        Assert.Equal(reason, ReasonOf(decision, "planner"));
        Assert.Equal($"No runs: {reason}.", decision.Summary);
        Assert.False(decision.ExplainToUser);
    }

    [Fact]
    public void A_comment_without_a_command_starts_nothing()
    {
        var decision = Route(Comment("Looks good to me, thanks!"), Team.Roster);

        Assert.Empty(Chosen(decision));
        Assert.Equal(["a comment without an /agent command"], EventReasons(decision));
        Assert.False(decision.ExplainToUser);
    }

    [Fact]
    public void An_edited_comment_does_not_run_its_command_again()
    {
        var decision = Route(Comment("/agent plan") with { Action = "edited" }, Team.Roster);

        Assert.Empty(Chosen(decision));
        Assert.Equal(["the comment was edited; commands run only from new comments"], EventReasons(decision));
    }

    [Fact]
    public void Check_run_buttons_belong_to_the_workflows()
    {
        var decision = Route(CheckRun("requested_action", "agent/reviewer-dotnet"), Team.Roster);

        Assert.Empty(Chosen(decision));
        Assert.Equal(["check run buttons (approve, reject) belong to the workflows, not the router"], EventReasons(decision));
        Assert.Equal("check run buttons (approve, reject) belong to the workflows, not the router", ReasonOf(decision, "reviewer-dotnet"));
    }

    [Theory]
    [InlineData("agent/reviewer-dotnet", "reviewer-dotnet")]
    [InlineData("agent/architect", "architect")]
    [InlineData("agent/coder-flutter", "coder-flutter")]
    public void A_rerequested_agent_check_runs_that_agent_again(string check, string agent)
    {
        var decision = Route(CheckRun("rerequested", check), Team.Roster);

        Assert.Equal([agent], Chosen(decision));
        Assert.Equal($"check_run rerequested {check}", Assert.Single(decision.Runs).Trigger);
        Assert.Equal($"named by check_run rerequested {check}", ReasonOf(decision, agent));
        Assert.Equal($"not named: check_run rerequested {check} asks for {agent}", ReasonOf(decision, "security"));
    }

    [Fact]
    public void A_rerequested_check_of_an_unknown_agent_is_quiet()
    {
        var decision = Route(CheckRun("rerequested", "agent/ghost"), Team.Roster);

        Assert.Empty(Chosen(decision));
        Assert.Equal(["check run agent/ghost names no agent of the roster"], EventReasons(decision));
        Assert.False(decision.ExplainToUser);
    }
}
