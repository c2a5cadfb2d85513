namespace AgentBot.Testing.FakeGitHub;

public sealed record GitSignature(string Name, string Email, DateTimeOffset Date);
