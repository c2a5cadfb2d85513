using AgentBot.Runner.Definitions;

namespace AgentBot.Routing;

// Automatic events: nobody asked, so every auto agent whose trigger matches runs, side by side.
// They stay quiet when nothing matches: an unanswered push is normal, not a question.
public static partial class Router
{
    private const string ClosedAction = "closed";

    private static RoutingDecision RouteTriggers(WorkEvent work, IReadOnlyList<AgentDefinition> roster, Func<string, string, object?> outputs)
    {
        var what = RoutingText.Describe(work);
        var value = work.Action == LabeledAction ? work.AddedLabel : work.Event == Trigger.PushEvent ? work.Branch : null;

        // A trigger on every action of an event would otherwise also fire when the work is closed,
        // starting a review of a merged pull request: closing starts only agents that ask for it.
        var closing = work.Action == ClosedAction && work.Event is "pull_request" or "issues";

        var decision = new DecisionBuilder(roster);
        var matched = new List<(AgentDefinition Agent, Trigger Trigger)>();
        foreach (var agent in roster)
        {
            if (agent.Invocation == Invocation.Manual)
            {
                decision.Pass(agent, ManualReason);
                continue;
            }

            var triggers = agent.Triggers.Where(t => t.Matches(work.Event, work.Action, value)).ToList();
            if (closing && triggers.Count > 0 && !triggers.Any(ListsClosed))
            {
                decision.Pass(agent, $"{what} starts nothing unless a trigger lists {ClosedAction}{RoutingText.OnList(agent)}");
                continue;
            }

            var trigger = closing ? triggers.FirstOrDefault(ListsClosed) : triggers.FirstOrDefault();
            if (trigger is null)
            {
                decision.Pass(agent, $"no trigger for {what}{RoutingText.OnList(agent)}");
                continue;
            }

            matched.Add((agent, trigger));
        }

        // A fork's code is untrusted until a maintainer vouches for its current head: an agent with
        // tools could run it, or be talked into leaking what it can read.
        if (matched.Count > 0 && work.FromFork && !work.Trusted)
        {
            const string Untrusted = "the pull request comes from a fork: no automatic runs until a maintainer comments /agent trust";
            decision.Note(Untrusted);
            foreach (var (agent, _) in matched)
            {
                decision.Pass(agent, Untrusted);
            }

            return decision.Build($"No runs for {what}: {Untrusted}.", explainToUser: false);
        }

        var skills = WorkSkills(work);
        var fits = matched.ToDictionary(m => m.Agent.Name, m => SkillFit.Of(m.Agent, skills), StringComparer.Ordinal);
        foreach (var (agent, trigger) in matched)
        {
            if (Misfit(fits[agent.Name], fits.Values, skills, work) is { } misfit)
            {
                decision.Pass(agent, misfit);
            }
            else if (SkipReason(agent, outputs) is { } skip)
            {
                decision.Pass(agent, skip);
            }
            else
            {
                decision.Run(agent, what, $"on {RoutingText.Describe(trigger)} matches {what}");
            }
        }

        return decision.Build(decision.RunCount > 0 ? decision.RunSummary(what) : $"No agent runs for {what}.", explainToUser: false);
    }

    // Why a specialist is dropped: none of its skills match the work while another matching agent of
    // the same role does. Skills are weighed before skip: a fitting agent that is skipped must
    // not hand a C# change to the Flutter reviewer.
    private static string? Misfit(SkillFit fit, IEnumerable<SkillFit> matched, IReadOnlySet<string> skills, WorkEvent work)
    {
        if (!fit.IsSpecialist || fit.Matching.Count > 0)
        {
            return null;
        }

        var better = matched
            .Where(f => f.Agent.Role == fit.Agent.Role && f.Matching.Count > 0)
            .Order(SkillFit.Ranking)
            .FirstOrDefault();
        if (better is null)
        {
            return null;
        }

        var subject = work.IsPullRequest ? "the change" : "the work";
        return $"skills {RoutingText.Skills(fit.Unrelated)} do not match {subject} ({RoutingText.Skills(skills)}); {better.Name} fits";
    }

    private static bool ListsClosed(Trigger trigger) => trigger.Actions.Contains(ClosedAction, StringComparer.Ordinal);
}
