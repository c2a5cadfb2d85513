using AgentBot.GitHub.Auth;

namespace AgentBot.GitHub.Http;

/// <summary>How a request authenticates: as the app (a JWT) or as one installation (its access token).</summary>
public sealed class GitHubAuth
{
    private readonly Func<CancellationToken, Task<string>> _token;
    private readonly Action<string>? _refused;

    private GitHubAuth(string scope, Func<CancellationToken, Task<string>> token, Action<string>? refused)
    {
        Scope = scope;
        _token = token;
        _refused = refused;
    }

    /// <summary>Who the caller is, for caching conditional GETs per identity (GitHub varies answers by it).</summary>
    public string Scope { get; }

    public static GitHubAuth App(string jwt) => new("app", _ => Task.FromResult(jwt), null);

    public static GitHubAuth Installation(long installationId, InstallationTokenProvider tokens) => new(
        $"installation:{installationId}",
        async ct => (await tokens.GetAsync(installationId, ct)).Value,
        refused => tokens.Invalidate(installationId, refused));

    public Task<string> TokenAsync(CancellationToken cancellationToken) => _token(cancellationToken);

    /// <summary>Whether a 401 may be retried once with a fresh token (only installation tokens can be refreshed).</summary>
    public bool CanRefresh => _refused is not null;

    public void Refused(string token) => _refused?.Invoke(token);
}
