namespace AgentBot.Routing;

/// <summary>
/// The router's answer for one event: the runs to start and, for every agent considered, why it was
/// chosen or not. Stored with each run so "why did this agent run?" always has an answer.
/// </summary>
public sealed record RoutingDecision(
    IReadOnlyList<PlannedRun> Runs,
    IReadOnlyList<RoutingReason> Reasons,
    string Summary,
    bool ExplainToUser)
{
    public static RoutingDecision Nothing(string summary, bool explain = false, params IReadOnlyList<RoutingReason> reasons) =>
        new([], reasons, summary, explain);
}

/// <summary>A run to start: the agent, what triggered it (e.g. "label agent:coder"), and which definition version.</summary>
public sealed record PlannedRun(string Agent, string Trigger, string DefinitionHash);

/// <summary>One line of the explanation: an agent (or "*" for the event as a whole), chosen or not, and why.</summary>
public sealed record RoutingReason(string Agent, bool Chosen, string Reason);
