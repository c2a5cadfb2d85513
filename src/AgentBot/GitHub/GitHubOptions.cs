namespace AgentBot.GitHub;

/// <summary>The <c>GitHub</c> configuration section (design section 6).</summary>
public sealed class GitHubOptions
{
    public const string Section = "GitHub";

    public long? AppId { get; set; }

    /// <summary>The app's PEM key; <c>\n</c> escapes (as environment variables carry it) are accepted.</summary>
    public string? PrivateKey { get; set; }

    public string? PrivateKeyPath { get; set; }

    public string? WebhookSecret { get; set; }

    public Uri ApiUrl { get; set; } = new("https://api.github.com/");

    /// <summary>Limit of one HTTP attempt; retries come on top.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of 5xx answers, timeouts and connection failures.</summary>
    public int MaxTransientRetries { get; set; } = 4;

    /// <summary>Longest wait for a rate limit to lift; a longer one fails the call instead of waiting.</summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromHours(1);

    /// <summary>GET answers kept for conditional requests (a 304 costs no rate limit).</summary>
    public int ETagCacheSize { get; set; } = 2048;

    /// <summary>True when the app can talk to GitHub; false in local mode (a fresh clone).</summary>
    public bool IsConfigured => AppId is not null && (!string.IsNullOrWhiteSpace(PrivateKey) || !string.IsNullOrWhiteSpace(PrivateKeyPath));
}
