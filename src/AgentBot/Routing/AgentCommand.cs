namespace AgentBot.Routing;

/// <summary>One <c>/agent &lt;verb&gt; [arguments]</c> line of a comment.</summary>
public sealed record AgentCommand(string Verb, string Arguments)
{
    /// <summary>Verbs that control runs rather than start one (handled by the workflows, not the router).</summary>
    public static IReadOnlyList<string> ControlVerbs { get; } = ["help", "list", "status", "approve", "reject", "cancel", "retry", "trust"];

    public bool IsControl => ControlVerbs.Contains(Verb, StringComparer.Ordinal);
}
