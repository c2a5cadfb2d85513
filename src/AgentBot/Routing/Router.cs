using AgentBot.Runner.Conditions;
using AgentBot.Runner.Definitions;

namespace AgentBot.Routing;

/// <summary>
/// Decides which agents run for one event (design §3), in rule order: filters on the sender and the
/// kind of event, then explicit requests (a name), then roles and <c>command:</c> triggers (one best
/// fit), then the triggers of automatic events (every match, in parallel). A pure function: the same
/// event, roster and earlier outputs always give the same decision, and every agent gets its reason.
/// </summary>
public static partial class Router
{
    /// <summary>The <see cref="RoutingReason.Agent"/> of a reason about the event as a whole.</summary>
    public const string EventLevel = "*";

    private const string IssueCommentEvent = "issue_comment";
    private const string CheckRunEvent = "check_run";
    private const string LabeledAction = "labeled";
    private const string AgentLabelPrefix = "agent:";
    private const string AgentCheckPrefix = "agent/";
    private const string ManualReason = "manual: runs only when named";

    /// <param name="outputs">(agent, output) → that output of an earlier run on the same issue or pull request, or null; read by <c>skip</c>.</param>
    public static RoutingDecision Route(WorkEvent work, IReadOnlyList<AgentDefinition> roster, Func<string, string, object?> outputs)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(outputs);

        // Bots, the app itself included, never start a run: two bots answering each other is a loop that costs money.
        if (work.SenderIsBot)
        {
            return Nobody(roster, "sender is a bot; AgentBot never answers bots");
        }

        if (work.Command is { } command)
        {
            if (command.IsControl)
            {
                return Nobody(roster, $"/agent {command.Verb} is a control command, handled by the workflows, not the router");
            }

            // Editing a comment (to fix a typo in its prose, say) must not start the same paid run again.
            if (work.Event == IssueCommentEvent && work.Action is not (null or "created"))
            {
                return Nobody(roster, $"the comment was {work.Action}; commands run only from new comments");
            }

            return RouteCommand(work, command, roster, outputs);
        }

        if (work.Event == IssueCommentEvent)
        {
            return Nobody(roster, "a comment without an /agent command");
        }

        if (work.Event == CheckRunEvent)
        {
            if (work.Action == "requested_action")
            {
                return Nobody(roster, "check run buttons (approve, reject) belong to the workflows, not the router");
            }

            if (work.Action == "rerequested" && work.CheckRunName is { } check
                && check.StartsWith(AgentCheckPrefix, StringComparison.Ordinal))
            {
                return RouteRerun(work, check, roster, outputs);
            }
        }

        if (work.Action == LabeledAction && work.AddedLabel is { } label
            && label.StartsWith(AgentLabelPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return RouteAgentLabel(work, label, roster, outputs);
        }

        return RouteTriggers(work, roster, outputs);
    }

    /// <summary>
    /// The work's skills: <c>skill:</c> labels (the one just added included), <c>skill:&lt;x&gt;</c> words
    /// of the command, and for pull requests the skills of the changed paths.
    /// </summary>
    public static IReadOnlySet<string> WorkSkills(WorkEvent work)
    {
        ArgumentNullException.ThrowIfNull(work);

        var skills = new SortedSet<string>(StringComparer.Ordinal);
        skills.UnionWith(SkillInference.FromLabels(work.AddedLabel is null ? work.Labels : [.. work.Labels, work.AddedLabel]));
        if (work.Command is { } command)
        {
            skills.UnionWith(SkillInference.FromArguments(command.Arguments));
        }

        if (work.IsPullRequest)
        {
            skills.UnionWith(SkillInference.FromPaths(work.ChangedPaths));
        }

        return skills;
    }

    // "skip: reviewer.verdict == "approved" is true" when the agent's skip condition holds, else null.
    private static string? SkipReason(AgentDefinition agent, Func<string, string, object?> outputs) =>
        agent.Skip is { } skip && ConditionEvaluator.Evaluate(skip, outputs) ? $"skip: {skip.Source} is true" : null;

    private static RoutingDecision Nobody(IReadOnlyList<AgentDefinition> roster, string reason)
    {
        var decision = new DecisionBuilder(roster);
        decision.Note(reason);
        decision.PassOthers(reason);
        return decision.Build($"No runs: {reason}.", explainToUser: false);
    }
}
