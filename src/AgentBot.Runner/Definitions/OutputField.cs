namespace AgentBot.Runner.Definitions;

/// <summary>A structured result field of a run, e.g. <c>verdict</c>; <c>skip</c> conditions read them.</summary>
public sealed record OutputField(string Name, string? Description);
