using static AgentBot.Tests.Routing.RoutingHarness;

namespace AgentBot.Tests.Routing;

/// <summary>Automatic events: every matching auto agent runs in parallel, narrowed by skills within a role.</summary>
public sealed class RouterTriggerTests
{
    [Fact]
    public void A_csharp_pull_request_runs_the_matching_reviewers_side_by_side()
    {
        var decision = Route(PullRequest("opened", "src/App.cs", "README.md"), Team.Roster);

        Assert.Equal(["reviewer-dotnet", "reviewer-general", "security"], Chosen(decision));
        Assert.All(decision.Runs, run => Assert.Equal("pull_request opened", run.Trigger));
        Assert.Equal("on pull_request: [opened, synchronize, reopened] matches pull_request opened", ReasonOf(decision, "reviewer-dotnet"));
        Assert.Equal("on pull_request: [opened] matches pull_request opened", ReasonOf(decision, "reviewer-general"));
        Assert.Equal("skills dart, flutter do not match the change (csharp, docs); reviewer-dotnet fits", ReasonOf(decision, "reviewer-flutter"));
        Assert.Equal("no trigger for pull_request opened (on: pull_request: [ready_for_review]; command: test)", ReasonOf(decision, "qa"));
        Assert.Equal("no trigger for pull_request opened (no 'on' triggers)", ReasonOf(decision, "coder-dotnet"));
        Assert.Equal("manual: runs only when named", ReasonOf(decision, "architect"));
        Assert.Equal("3 agents: reviewer-dotnet, reviewer-general, security for pull_request opened", decision.Summary);
        Assert.False(decision.ExplainToUser);
    }

    [Fact]
    public void A_flutter_pull_request_drops_the_dotnet_reviewer_but_keeps_the_only_security_agent()
    {
        var decision = Route(PullRequest("opened", "lib/main.dart", "pubspec.yaml"), Team.Roster);

        Assert.Equal(["reviewer-flutter", "reviewer-general", "security"], Chosen(decision));
        Assert.Equal("skills csharp, dotnet do not match the change (dart, flutter); reviewer-flutter fits", ReasonOf(decision, "reviewer-dotnet"));
    }

    [Fact]
    public void When_no_reviewer_matches_the_change_every_reviewer_runs()
    {
        var decision = Route(PullRequest("opened", "LICENSE"), Team.Roster);

        Assert.Equal(["reviewer-dotnet", "reviewer-flutter", "reviewer-general", "security"], Chosen(decision));
    }

    [Fact]
    public void Skill_labels_on_a_pull_request_count_like_its_paths()
    {
        var decision = Route(PullRequest("synchronize", "LICENSE") with { Labels = ["skill:flutter"] }, Team.Roster);

        Assert.Equal(["reviewer-flutter", "security"], Chosen(decision));
        Assert.Equal("skills csharp, dotnet do not match the change (flutter); reviewer-flutter fits", ReasonOf(decision, "reviewer-dotnet"));
        Assert.Equal("no trigger for pull_request synchronize (on: pull_request: [opened])", ReasonOf(decision, "reviewer-general"));
    }

    [Fact]
    public void Skills_are_weighed_before_skip_so_a_skipped_fit_does_not_hand_over_to_a_misfit()
    {
        var outputs = Outputs(("reviewer-dotnet", "verdict", "approved"));

        var decision = Route(PullRequest("synchronize", "src/App.cs"), Team.Roster, outputs);

        Assert.Equal(["security"], Chosen(decision));
        Assert.Equal("skip: reviewer-dotnet.verdict == \"approved\" is true", ReasonOf(decision, "reviewer-dotnet"));
        Assert.Equal("skills dart, flutter do not match the change (csharp); reviewer-dotnet fits", ReasonOf(decision, "reviewer-flutter"));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("approved", true)]
    [InlineData("changes_requested", false)]
    public void Ready_for_review_runs_qa_unless_its_skip_condition_holds(string? reviewerVerdict, bool runs)
    {
        var outputs = Outputs(("reviewer-dotnet", "verdict", reviewerVerdict));

        var decision = Route(PullRequest("ready_for_review", "src/App.cs"), Team.Roster, outputs);

        Assert.Equal(runs ? new[] { "qa" } : [], Chosen(decision));
        Assert.Equal(
            runs ? "on pull_request: [ready_for_review] matches pull_request ready_for_review" : "skip: reviewer-dotnet.verdict == \"changes_requested\" is true",
            ReasonOf(decision, "qa"));
        Assert.Equal(runs ? "1 agent: qa for pull_request ready_for_review" : "No agent runs for pull_request ready_for_review.", decision.Summary);
        Assert.False(decision.ExplainToUser);
    }

    [Fact]
    public void A_closed_pull_request_starts_only_agents_whose_trigger_lists_closed()
    {
        var roster = Roster(
            """
            name: notes
            model: openai/gpt-4.1
            prompt: Write release notes.
            on:
              - pull_request: [closed]
            """,
            """
            name: watcher
            model: openai/gpt-4.1
            prompt: Watch everything.
            on:
              - pull_request
            """);

        var decision = Route(PullRequest("closed", "src/App.cs"), roster);

        Assert.Equal(["notes"], Chosen(decision));
        Assert.Equal("on pull_request: [closed] matches pull_request closed", ReasonOf(decision, "notes"));
        Assert.Equal("pull_request closed starts nothing unless a trigger lists closed (on: pull_request)", ReasonOf(decision, "watcher"));
    }

    [Fact]
    public void The_bare_event_trigger_still_fires_for_other_actions()
    {
        var roster = Roster(
            """
            name: watcher
            model: openai/gpt-4.1
            prompt: Watch everything.
            on:
              - pull_request
            """);

        var decision = Route(PullRequest("reopened"), roster);

        Assert.Equal(["watcher"], Chosen(decision));
        Assert.Equal("on pull_request matches pull_request reopened", ReasonOf(decision, "watcher"));
    }

    [Fact]
    public void A_closed_pull_request_in_the_team_runs_release_notes_only()
    {
        var decision = Route(PullRequest("closed", "src/App.cs"), Team.Roster);

        Assert.Equal(["release-notes"], Chosen(decision));
        Assert.Equal("no trigger for pull_request closed (on: pull_request: [opened, synchronize, reopened])", ReasonOf(decision, "reviewer-dotnet"));
    }

    [Fact]
    public void An_untrusted_fork_pull_request_runs_nothing_automatically()
    {
        var decision = Route(PullRequest("opened", "src/App.cs") with { FromFork = true }, Team.Roster);

        const string Untrusted = "the pull request comes from a fork: no automatic runs until a maintainer comments /agent trust";
        Assert.Empty(Chosen(decision));
        Assert.Equal([Untrusted], EventReasons(decision));
        Assert.Equal(Untrusted, ReasonOf(decision, "reviewer-dotnet"));
        Assert.Equal(Untrusted, ReasonOf(decision, "security"));
        Assert.Equal("no trigger for pull_request opened (on: pull_request: [ready_for_review]; command: test)", ReasonOf(decision, "qa"));
        Assert.Equal($"No runs for pull_request opened: {Untrusted}.", decision.Summary);
        Assert.False(decision.ExplainToUser);
    }

    [Fact]
    public void A_trusted_fork_pull_request_runs_like_any_other()
    {
        var decision = Route(PullRequest("synchronize", "src/App.cs") with { FromFork = true, Trusted = true }, Team.Roster);

        Assert.Equal(["reviewer-dotnet", "security"], Chosen(decision));
    }

    [Theory]
    [InlineData("main", "deployer", "on push: main matches push to main")]
    [InlineData("feature/login", "", "no trigger for push to feature/login (on: push: main)")]
    public void A_push_runs_the_agents_on_that_branch(string branch, string expected, string deployerReason)
    {
        var decision = Route(Push(branch), Team.Roster);

        Assert.Equal(expected, string.Join(", ", Chosen(decision)));
        Assert.Equal(deployerReason, ReasonOf(decision, "deployer"));
        Assert.All(decision.Runs, run => Assert.Equal("push to main", run.Trigger));
    }

    [Fact]
    public void A_new_issue_runs_the_triager()
    {
        var decision = Route(Issue("opened"), Team.Roster);

        Assert.Equal(["triager"], Chosen(decision));
        Assert.Equal("on issues: [opened] matches issues opened", ReasonOf(decision, "triager"));
        Assert.Equal("1 agent: triager for issues opened", decision.Summary);
    }

    [Theory]
    [InlineData("needs-plan", "planner", "on issues.labeled: needs-plan matches issues labeled needs-plan")]
    [InlineData("Needs-Triage", "triager", "on issues.labeled: [needs-triage, agent:triage] matches issues labeled Needs-Triage")]
    public void Any_other_label_is_an_event_for_the_agents_listening_to_it(string label, string agent, string reason)
    {
        var decision = Route(IssueLabeled(label), Team.Roster);

        Assert.Equal([agent], Chosen(decision));
        Assert.Equal($"issues labeled {label}", Assert.Single(decision.Runs).Trigger);
        Assert.Equal(reason, ReasonOf(decision, agent));
        Assert.False(decision.ExplainToUser);
    }

    [Fact]
    public void An_automatic_event_that_matches_nothing_is_quiet()
    {
        var decision = Route(IssueLabeled("bug"), Team.Roster);

        Assert.Empty(Chosen(decision));
        Assert.False(decision.ExplainToUser);
        Assert.Equal("No agent runs for issues labeled bug.", decision.Summary);
        Assert.Equal("no trigger for issues labeled bug (on: issues: [opened]; issues.labeled: [needs-triage, agent:triage])", ReasonOf(decision, "triager"));
    }

    [Fact]
    public void Reviews_and_completed_checks_run_the_agents_that_listen_to_them()
    {
        var roster = Roster(
            """
            name: responder
            model: openai/gpt-4.1
            prompt: Answer review comments.
            on:
              - pull_request_review: [submitted]
            """,
            """
            name: fixer
            model: openai/gpt-4.1
            prompt: Fix failed builds.
            on:
              - check_run: [completed]
            """,
            """
            name: helper
            model: openai/gpt-4.1
            prompt: Help when asked.
            invocation: manual
            """);

        var review = Route(PullRequest("submitted") with { Event = "pull_request_review" }, roster);
        var check = Route(CheckRun("completed", "build"), roster);

        Assert.Equal(["responder"], Chosen(review));
        Assert.Equal("on pull_request_review: [submitted] matches pull_request_review submitted", ReasonOf(review, "responder"));
        Assert.Equal("manual: runs only when named", ReasonOf(review, "helper"));
        Assert.Equal(["fixer"], Chosen(check));
        Assert.Equal("no trigger for check_run completed (on: pull_request_review: [submitted])", ReasonOf(check, "responder"));
    }

    [Fact]
    public void A_manual_agent_never_runs_from_its_triggers()
    {
        var roster = Roster(
            """
            name: auditor
            model: openai/gpt-4.1
            prompt: Audit.
            invocation: manual
            on:
              - pull_request: [opened]
            """);

        var decision = Route(PullRequest("opened", "src/App.cs"), roster);

        Assert.Empty(Chosen(decision));
        Assert.Equal("manual: runs only when named", ReasonOf(decision, "auditor"));
    }
}
