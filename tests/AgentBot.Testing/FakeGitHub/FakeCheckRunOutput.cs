namespace AgentBot.Testing.FakeGitHub;

public sealed record FakeCheckRunOutput(string? Title, string? Summary, string? Text);
