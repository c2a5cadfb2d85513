using AgentBot.GitHub;
using Microsoft.Extensions.Options;

namespace AgentBot.Hosting;

/// <summary>Says at start which mode the service runs in and what is missing, before the first webhook.</summary>
internal sealed partial class StartupBanner(IOptions<GitHubOptions> gitHub, ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (gitHub.Value.MissingForWebhooks() is { Count: > 0 } missing)
        {
            Log.LocalMode(logger, string.Join(", ", missing));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning,
            "AgentBot is running in local mode: GitHub is not configured (missing {Missing}). The webhook route answers 503 until these are set; /healthz works.")]
        public static partial void LocalMode(ILogger logger, string missing);
    }
}
