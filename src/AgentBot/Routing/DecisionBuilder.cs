using AgentBot.Runner.Definitions;

namespace AgentBot.Routing;

// Collects one routing decision: the runs, and exactly one reason per agent of the roster, so that
// "why did (or didn't) this agent run?" always has an answer.
internal sealed class DecisionBuilder(IReadOnlyList<AgentDefinition> roster)
{
    private readonly List<PlannedRun> _runs = [];
    private readonly List<RoutingReason> _reasons = [];
    private readonly HashSet<string> _explained = new(StringComparer.Ordinal);

    public IReadOnlyList<AgentDefinition> Roster => roster;

    public int RunCount => _runs.Count;

    public bool HasReason(AgentDefinition agent) => _explained.Contains(agent.Name);

    public void Run(AgentDefinition agent, string trigger, string reason)
    {
        Explain(agent, chosen: true, reason);
        _runs.Add(new PlannedRun(agent.Name, trigger, agent.ContentHash));
    }

    public void Pass(AgentDefinition agent, string reason) => Explain(agent, chosen: false, reason);

    // Passes every agent not explained yet with the same reason.
    public void PassOthers(string reason)
    {
        foreach (var agent in roster.Where(a => !HasReason(a)))
        {
            Pass(agent, reason);
        }
    }

    // A reason about the event as a whole.
    public void Note(string reason) => _reasons.Add(new RoutingReason(Router.EventLevel, false, reason));

    public RoutingDecision Build(string summary, bool explainToUser)
    {
        // A roster agent that no rule spoke about would be a routing bug; it still gets a line rather than vanishing.
        PassOthers("not considered");
        var runs = _runs.OrderBy(r => r.Agent, StringComparer.Ordinal).ToList();
        var reasons = _reasons.OrderBy(r => r.Agent, StringComparer.Ordinal).ToList();
        return new RoutingDecision(runs, reasons, summary, explainToUser);
    }

    // "2 agents: reviewer, security for pull_request opened".
    public string RunSummary(string what)
    {
        var names = string.Join(", ", _runs.Select(r => r.Agent).Order(StringComparer.Ordinal));
        return $"{_runs.Count} agent{(_runs.Count == 1 ? string.Empty : "s")}: {names} for {what}";
    }

    private void Explain(AgentDefinition agent, bool chosen, string reason)
    {
        if (!_explained.Add(agent.Name))
        {
            throw new InvalidOperationException($"Routing gave agent '{agent.Name}' two reasons; each agent gets exactly one.");
        }

        _reasons.Add(new RoutingReason(agent.Name, chosen, reason));
    }
}
