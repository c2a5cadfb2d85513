using System.Collections.Concurrent;
using AgentBot.GitHub.Http;
using AgentBot.GitHub.Models;

namespace AgentBot.GitHub.Auth;

/// <summary>
/// Installation tokens per installation, cached until 5 minutes before they expire. Many jobs asking at
/// once share one request (single flight); a failed request is not cached, so the next caller tries again.
/// </summary>
public sealed partial class InstallationTokenProvider(
    GitHubConnection connection, AppJwtFactory jwt, TimeProvider time, ILogger<InstallationTokenProvider> logger)
{
    public static readonly TimeSpan RefreshBeforeExpiry = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<long, Entry> _entries = new();

    public async Task<InstallationToken> GetAsync(long installationId, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(installationId, _ => new Entry());
        Task<InstallationToken> pending;
        lock (entry)
        {
            if (entry.Token is { } token && token.ExpiresAt - time.GetUtcNow() > RefreshBeforeExpiry)
            {
                return token;
            }

            if (entry.Pending is null || entry.Pending.IsCompleted)
            {
                // Not tied to this caller's token: the others waiting on it must not be cancelled with it.
                entry.Pending = FetchAsync(installationId, entry);
            }

            pending = entry.Pending;
        }

        return await pending.WaitAsync(cancellationToken);
    }

    /// <summary>Drops a token GitHub refused (401), so the next call fetches a fresh one.</summary>
    public void Invalidate(long installationId, string refused)
    {
        if (_entries.TryGetValue(installationId, out var entry))
        {
            lock (entry)
            {
                if (entry.Token?.Value == refused)
                {
                    entry.Token = null;
                }
            }
        }
    }

    private async Task<InstallationToken> FetchAsync(long installationId, Entry entry)
    {
        var response = await connection.SendAsync(
            GitHubAuth.App(jwt.Create()),
            HttpMethod.Post,
            $"app/installations/{installationId}/access_tokens",
            GitHubJsonContext.Default.AccessTokenResponse,
            CancellationToken.None);
        var token = new InstallationToken(response.Token, response.ExpiresAt);
        lock (entry)
        {
            entry.Token = token;
        }

        Log.TokenIssued(logger, installationId, token.ExpiresAt);
        return token;
    }

    private sealed class Entry
    {
        public InstallationToken? Token { get; set; }

        public Task<InstallationToken>? Pending { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Installation token for installation {InstallationId} issued, valid until {ExpiresAt:O}")]
        public static partial void TokenIssued(ILogger logger, long installationId, DateTimeOffset expiresAt);
    }
}
