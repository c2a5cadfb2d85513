using AgentBot.Routing;
using AgentBot.Runner.Definitions;

namespace AgentBot.Tests.Routing;

/// <summary>Builds rosters and events for routing tests, and checks what every decision must satisfy.</summary>
internal static class RoutingHarness
{
    public const string Repository = "octo/app";

    public static readonly Func<string, string, object?> NoOutputs = (_, _) => null;

    /// <summary>Loads agents from YAML texts (file agents/&lt;name&gt;.yml); the roster must load without errors.</summary>
    public static IReadOnlyList<AgentDefinition> Roster(params string[] yamls)
    {
        var result = Load(yamls);
        Assert.False(result.HasErrors, string.Join('\n', result.Diagnostics));
        Assert.Equal(yamls.Length, result.Agents.Count);
        return result.Agents;
    }

    public static AgentLoadResult Load(params string[] yamls) =>
        AgentLoader.Load(yamls.Select(y => new AgentSource($"agents/{NameOf(y)}.yml", y)));

    public static Func<string, string, object?> Outputs(params (string Agent, string Output, object? Value)[] values) =>
        (agent, output) => values.FirstOrDefault(v => v.Agent == agent && v.Output == output).Value;

    public static WorkEvent PullRequest(string action, params string[] paths) => new()
    {
        Event = "pull_request",
        Action = action,
        Repository = Repository,
        Number = 7,
        IsPullRequest = true,
        ChangedPaths = paths,
        Sender = "alice",
    };

    public static WorkEvent Issue(string action, params string[] labels) => new()
    {
        Event = "issues",
        Action = action,
        Repository = Repository,
        Number = 3,
        Labels = labels,
        Sender = "alice",
    };

    public static WorkEvent IssueLabeled(string label, params string[] otherLabels) =>
        Issue("labeled", [.. otherLabels, label]) with { AddedLabel = label };

    /// <summary>A new comment on issue 3, its command parsed as the inbox does.</summary>
    public static WorkEvent Comment(string body) => new()
    {
        Event = "issue_comment",
        Action = "created",
        Repository = Repository,
        Number = 3,
        Command = AgentCommandParser.Parse(body).SingleOrDefault(),
        Sender = "alice",
    };

    /// <summary>A new comment on pull request 7 that changes <paramref name="paths"/>.</summary>
    public static WorkEvent PullRequestComment(string body, params string[] paths) =>
        Comment(body) with { Number = 7, IsPullRequest = true, ChangedPaths = paths };

    public static WorkEvent CheckRun(string action, string name) => new()
    {
        Event = "check_run",
        Action = action,
        Repository = Repository,
        Number = 7,
        IsPullRequest = true,
        CheckRunName = name,
        Sender = "alice",
    };

    public static WorkEvent Push(string branch) => new()
    {
        Event = "push",
        Repository = Repository,
        Branch = branch,
        Sender = "alice",
    };

    /// <summary>
    /// Routes, and checks the decision's invariants: every roster agent has exactly one reason, reasons
    /// are ordered by agent, the chosen reasons are the runs, runs carry the definition's hash, and the
    /// decision does not depend on the roster's order or on being asked twice.
    /// </summary>
    public static RoutingDecision Route(WorkEvent work, IReadOnlyList<AgentDefinition> roster, Func<string, string, object?>? outputs = null)
    {
        outputs ??= NoOutputs;
        var decision = Router.Route(work, roster, outputs);

        var agentReasons = decision.Reasons.Where(r => r.Agent != Router.EventLevel).Select(r => r.Agent).ToList();
        Assert.Equal(roster.Select(a => a.Name).Order(StringComparer.Ordinal), agentReasons);
        Assert.Equal(decision.Reasons.Select(r => r.Agent).Order(StringComparer.Ordinal), decision.Reasons.Select(r => r.Agent));
        Assert.Equal(decision.Reasons.Where(r => r.Chosen).Select(r => r.Agent), decision.Runs.Select(r => r.Agent));
        Assert.All(decision.Runs, run => Assert.Equal(roster.Single(a => a.Name == run.Agent).ContentHash, run.DefinitionHash));
        Assert.All(decision.Runs, run => Assert.False(string.IsNullOrWhiteSpace(run.Trigger)));
        Assert.False(string.IsNullOrWhiteSpace(decision.Summary));

        AssertSame(decision, Router.Route(work, [.. roster.Reverse()], outputs));
        return decision;
    }

    public static string[] Chosen(RoutingDecision decision) => [.. decision.Runs.Select(r => r.Agent)];

    public static string ReasonOf(RoutingDecision decision, string agent) =>
        Assert.Single(decision.Reasons, r => r.Agent == agent).Reason;

    public static string[] EventReasons(RoutingDecision decision) =>
        [.. decision.Reasons.Where(r => r.Agent == Router.EventLevel).Select(r => r.Reason)];

    private static void AssertSame(RoutingDecision expected, RoutingDecision actual)
    {
        Assert.Equal(expected.Runs, actual.Runs);
        Assert.Equal(expected.Reasons, actual.Reasons);
        Assert.Equal(expected.Summary, actual.Summary);
        Assert.Equal(expected.ExplainToUser, actual.ExplainToUser);
    }

    private static string NameOf(string yaml) =>
        yaml.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("name:", StringComparison.Ordinal))["name:".Length..].Trim();
}
