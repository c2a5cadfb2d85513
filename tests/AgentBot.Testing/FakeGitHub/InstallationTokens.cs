using System.Security.Cryptography;

namespace AgentBot.Testing.FakeGitHub;

/// <summary>Installations, the tokens issued for them (valid for an hour of the fake's clock) and how many were issued.</summary>
internal sealed class InstallationTokens
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private readonly Lock _gate = new();
    private readonly HashSet<long> _installations = [1];
    private readonly Dictionary<string, (long Installation, DateTimeOffset ExpiresAt)> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<long, int> _issued = [];

    public void AddInstallation(long id)
    {
        lock (_gate)
        {
            _installations.Add(id);
        }
    }

    public bool HasInstallation(long id)
    {
        lock (_gate)
        {
            return _installations.Contains(id);
        }
    }

    public (string Token, DateTimeOffset ExpiresAt) Issue(long installationId, DateTimeOffset now)
    {
        var token = "ghs_" + RandomNumberGenerator.GetString(Alphabet, 36);
        var expiresAt = now + TimeSpan.FromHours(1);
        lock (_gate)
        {
            _tokens[token] = (installationId, expiresAt);
            _issued[installationId] = _issued.GetValueOrDefault(installationId) + 1;
        }

        return (token, expiresAt);
    }

    /// <summary>The installation a token belongs to, or null when it is unknown, revoked or expired.</summary>
    public long? Validate(string token, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _tokens.TryGetValue(token, out var issued) && issued.ExpiresAt > now ? issued.Installation : null;
        }
    }

    public int Issued(long installationId)
    {
        lock (_gate)
        {
            return _issued.GetValueOrDefault(installationId);
        }
    }

    public void RevokeAll()
    {
        lock (_gate)
        {
            _tokens.Clear();
        }
    }
}
