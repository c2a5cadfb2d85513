namespace AgentBot.Testing.FakeGitHub;

/// <summary>A requested action: a button on the check run (AgentBot's Approve / Reject).</summary>
public sealed record FakeCheckRunAction(string Label, string Description, string Identifier);
