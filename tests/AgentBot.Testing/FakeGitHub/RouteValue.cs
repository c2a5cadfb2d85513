namespace AgentBot.Testing.FakeGitHub;

/// <summary>
/// Kestrel decodes a request path except for "%2F", so that an escaped slash cannot split a segment. Clients that
/// escape a branch name as one segment ("compare/main...agentbot%2Fcoder%2F1-fix") mean a slash, as GitHub reads it.
/// </summary>
internal static class RouteValue
{
    public static string Decode(string? value) =>
        (value ?? string.Empty).Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
}
