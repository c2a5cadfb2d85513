namespace AgentBot.Testing.FakeGitHub;

public sealed record FakeLabel(long Id, string NodeId, string Name, string Color);
