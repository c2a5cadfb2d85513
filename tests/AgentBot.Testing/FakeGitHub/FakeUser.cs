namespace AgentBot.Testing.FakeGitHub;

/// <summary>A GitHub account: Type is "User", or "Bot" for apps (logins ending in "[bot]").</summary>
public sealed record FakeUser(string Login, long Id, string Type)
{
    public bool IsBot => Type == "Bot";
}
