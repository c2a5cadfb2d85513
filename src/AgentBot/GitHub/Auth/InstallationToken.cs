namespace AgentBot.GitHub.Auth;

/// <summary>An installation access token. <see cref="ToString"/> never shows the token, so it cannot leak into a log by accident.</summary>
public sealed record InstallationToken(string Value, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"InstallationToken {{ Value = ***, ExpiresAt = {ExpiresAt:O} }}";
}
