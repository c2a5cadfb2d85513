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

    /// <summary>More accepted secrets, for rotation: set the new one here, switch GitHub over, then retire the old.</summary>
    public List<string> WebhookSecrets { get; set; } = [];

    public IReadOnlyList<string> AllWebhookSecrets =>
        [.. new[] { WebhookSecret }.Concat(WebhookSecrets).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!)];

    public Uri ApiUrl { get; set; } = new("https://api.github.com/");

    /// <summary>Limit of one HTTP attempt; retries come on top.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of 5xx answers, timeouts and connection failures.</summary>
    public int MaxTransientRetries { get; set; } = 4;

    /// <summary>Longest wait for a rate limit to lift; a longer one fails the call instead of waiting.</summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromHours(1);

    /// <summary>GET answers kept for conditional requests (a 304 costs no rate limit).</summary>
    public int ETagCacheSize { get; set; } = 2048;

    /// <summary>Settings that webhook intake still needs, by their configuration keys; empty when it can run.</summary>
    public IReadOnlyList<string> MissingForWebhooks()
    {
        var missing = new List<string>();
        if (AppId is null)
        {
            missing.Add("GitHub:AppId");
        }

        if (string.IsNullOrWhiteSpace(PrivateKey) && string.IsNullOrWhiteSpace(PrivateKeyPath))
        {
            missing.Add("GitHub:PrivateKey or GitHub:PrivateKeyPath");
        }

        if (AllWebhookSecrets.Count == 0)
        {
            missing.Add("GitHub:WebhookSecret");
        }

        return missing;
    }

    /// <summary>True when the app can talk to GitHub; false in local mode (a fresh clone).</summary>
    public bool IsConfigured => AppId is not null && (!string.IsNullOrWhiteSpace(PrivateKey) || !string.IsNullOrWhiteSpace(PrivateKeyPath));
}
