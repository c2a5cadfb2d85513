using AgentBot.Runner.Definitions;

namespace AgentBot.Routing;

// Requests: someone asked for work with a command, an agent:<x> label or a check run's re-run button.
// A request picks exactly one agent: the one it names, or the best fit among its candidates.
public static partial class Router
{
    private static RoutingDecision RouteCommand(WorkEvent work, AgentCommand command, IReadOnlyList<AgentDefinition> roster, Func<string, string, object?> outputs)
    {
        var text = $"command /agent {command.Verb}";
        if (Find(roster, command.Verb) is { } named)
        {
            return RouteNamed(named, text, roster, outputs);
        }

        var request = new Request(text, command.Verb, RoleOfVerb(command.Verb), t => t.Matches(Trigger.CommandEvent, null, command.Verb));
        return RouteBestFit(request, work, roster, outputs);
    }

    private static RoutingDecision RouteAgentLabel(WorkEvent work, string label, IReadOnlyList<AgentDefinition> roster, Func<string, string, object?> outputs)
    {
        var text = $"label {label}";
        var asked = label[AgentLabelPrefix.Length..].Trim();
        if (Find(roster, asked) is { } named)
        {
            return RouteNamed(named, text, roster, outputs);
        }

        AgentRole? role = AgentVocabulary.Roles.TryParse(asked, out var parsed) ? parsed : null;

        // Only a trigger that names this label joins: one on every label reacts to labels as events,
        // and would otherwise compete for (and often win) a request meant for someone else.
        var request = new Request(text, asked, role, t => t.Values.Count > 0 && t.Matches(work.Event, work.Action, label));
        return RouteBestFit(request, work, roster, outputs);
    }

    private static RoutingDecision RouteRerun(WorkEvent work, string check, IReadOnlyList<AgentDefinition> roster, Func<string, string, object?> outputs) =>
        Find(roster, check[AgentCheckPrefix.Length..]) is { } agent
            ? RouteNamed(agent, $"{work.Event} {work.Action} {check}", roster, outputs)
            : Nobody(roster, $"check run {check} names no agent of the roster");

    // An agent named outright runs whatever its invocation, role, triggers or skills; only its skip can stop it.
    private static RoutingDecision RouteNamed(AgentDefinition agent, string text, IReadOnlyList<AgentDefinition> roster, Func<string, string, object?> outputs)
    {
        var decision = new DecisionBuilder(roster);
        if (SkipReason(agent, outputs) is { } skip)
        {
            decision.Pass(agent, skip);
            decision.PassOthers($"not named: {text} asks for {agent.Name}");
            return decision.Build($"Nothing runs for {text}: {agent.Name} is skipped ({skip}).", explainToUser: true);
        }

        decision.Run(agent, text, $"named by {text}");
        decision.PassOthers($"not named: {text} asks for {agent.Name}");
        return decision.Build(decision.RunSummary(text), explainToUser: false);
    }

    // The auto agents of the requested role, and those whose triggers the request names, ranked by
    // skill fit; the first that is not skipped runs. Nothing to rank is explained with the roster.
    private static RoutingDecision RouteBestFit(Request request, WorkEvent work, IReadOnlyList<AgentDefinition> roster, Func<string, string, object?> outputs)
    {
        var decision = new DecisionBuilder(roster);
        var candidates = new List<AgentDefinition>();
        var why = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var agent in roster)
        {
            if (agent.Invocation == Invocation.Manual)
            {
                decision.Pass(agent, ManualReason);
                continue;
            }

            var byRole = request.Role == agent.Role;
            var trigger = agent.Triggers.FirstOrDefault(request.Wants);
            if (!byRole && trigger is null)
            {
                decision.Pass(agent, request.Role is { } role
                    ? $"not of role {RoutingText.RoleName(role)} and no trigger for {request.Text}"
                    : $"no trigger for {request.Text}");
                continue;
            }

            candidates.Add(agent);
            var basis = new List<string>();
            if (byRole)
            {
                basis.Add($"role {RoutingText.RoleName(agent.Role)}");
            }

            if (trigger is not null)
            {
                basis.Add($"on {RoutingText.Describe(trigger)}");
            }

            why[agent.Name] = string.Join(", ", basis);
        }

        if (candidates.Count == 0)
        {
            decision.Note($"nothing fits {request.Text}: no agent named or of role '{request.Asked}'");
            return decision.Build(RoutingText.NothingFits(request.Asked, roster), explainToUser: true);
        }

        SkillFit? winner = null;
        var skipped = new List<string>();
        foreach (var fit in SkillFit.Rank(candidates, WorkSkills(work)))
        {
            if (winner is not null)
            {
                decision.Pass(fit.Agent, fit.RankedBelow(winner));
            }
            else if (SkipReason(fit.Agent, outputs) is { } skip)
            {
                // A skipped best fit hands the request to the next one rather than dropping it.
                decision.Pass(fit.Agent, skip);
                skipped.Add($"{fit.Name} ({skip})");
            }
            else
            {
                winner = fit;
                var reason = candidates.Count == 1
                    ? $"only candidate for {request.Text} ({why[fit.Name]})"
                    : $"best fit of {candidates.Count} candidates for {request.Text} ({why[fit.Name]}): {fit.Describe()}";
                decision.Run(fit.Agent, request.Text, reason);
            }
        }

        return winner is null
            ? decision.Build($"Nothing runs for {request.Text}: every candidate is skipped: {string.Join("; ", skipped)}.", explainToUser: true)
            : decision.Build(decision.RunSummary(request.Text), explainToUser: false);
    }

    // Names are lower-case, but a label may be typed in any case (GitHub matches labels case-insensitively).
    private static AgentDefinition? Find(IReadOnlyList<AgentDefinition> roster, string name) =>
        roster.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));

    private static AgentRole? RoleOfVerb(string verb) => verb switch
    {
        "implement" => AgentRole.Coder,
        "review" => AgentRole.Reviewer,
        _ => AgentVocabulary.Roles.TryParse(verb, out var role) ? role : null,
    };

    // Text: how it was asked, e.g. "command /agent implement", "label agent:QA"; also the runs' trigger.
    // Asked: the word after /agent or agent:, for the answer when nothing fits.
    // Role: the role it narrows to, if the word is one.
    // Wants: which triggers also make an agent a candidate.
    private sealed record Request(string Text, string Asked, AgentRole? Role, Func<Trigger, bool> Wants);
}
