using AgentBot.GitHub.Auth;
using AgentBot.GitHub.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AgentBot.GitHub;

public static class GitHubExtensions
{
    public const string HttpClientName = "github";

    public static IServiceCollection AddGitHub(this IServiceCollection services)
    {
        services.AddOptions<GitHubOptions>().BindConfiguration(GitHubOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GitHubOptions>, GitHubOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ETagCache>();
        services.AddSingleton<AppJwtFactory>();
        services.AddSingleton<InstallationTokenProvider>();
        services.AddSingleton<GitHubClientFactory>();
        services.AddTransient<GitHubResilienceHandler>();
        services.AddHttpClient(HttpClientName, (sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<GitHubOptions>>().Value;
                http.BaseAddress = options.ApiUrl;
                // Per-attempt limits live in the resilience handler; the client itself must not cut retries short.
                http.Timeout = Timeout.InfiniteTimeSpan;
                http.DefaultRequestHeaders.UserAgent.ParseAdd($"AgentBot/{typeof(GitHubExtensions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"}");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // One long-lived client (it holds the ETag cache's partner, the handler pipeline); pooled
                // connections are recycled instead, so DNS changes are still seen.
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = System.Net.DecompressionMethods.All,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler<GitHubResilienceHandler>()
            // Header values (tokens, JWTs) never reach the logs, whatever the log level.
            .RedactLoggedHeaders(_ => true);
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<GitHubConnection>(
            sp, sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName)));
        return services;
    }
}
