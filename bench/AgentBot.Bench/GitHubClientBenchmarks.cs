using System.Diagnostics;
using System.Text.Json;
using AgentBot.GitHub;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentBot.Bench;

/// <summary>Requests per second and allocations per call through the GitHub client, against the fake GitHub in another process.</summary>
internal static class GitHubClientBenchmarks
{
    public static async Task<int> RunAsync()
    {
        using var server = Process.Start(new ProcessStartInfo("dotnet", [typeof(GitHubClientBenchmarks).Assembly.Location, "fake-github"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        try
        {
            var hello = JsonSerializer.Deserialize<Dictionary<string, string>>(await server.StandardOutput.ReadLineAsync() ?? "{}")!;
            await using var cached = Client(hello, etagCacheSize: 2048);
            await using var uncached = Client(hello, etagCacheSize: 0);
            var withCache = cached.GetRequiredService<GitHubClientFactory>().ForInstallation(1);
            var withoutCache = uncached.GetRequiredService<GitHubClientFactory>().ForInstallation(1);

            Harness.ThroughputHeader();
            await Harness.ThroughputAsync("GET issue, conditional (304 from cache)", 3_000, 1, () => withCache.Issues.GetAsync("octo", "hello", 1));
            await Harness.ThroughputAsync("GET issue, no cache (200)", 3_000, 1, () => withoutCache.Issues.GetAsync("octo", "hello", 1));
            await Harness.ThroughputAsync("POST comment (201)", 2_000, 1, () => withoutCache.Issues.CreateCommentAsync("octo", "hello", 1, "benchmark comment"));
            await Harness.ThroughputAsync("GET issue, no cache, 16 concurrent", 6_000, 16, () => withoutCache.Issues.GetAsync("octo", "hello", 1));
            return 0;
        }
        finally
        {
            server.StandardInput.Close();
            await server.WaitForExitAsync();
        }
    }

    private static ServiceProvider Client(Dictionary<string, string> hello, int etagCacheSize) => new ServiceCollection()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GitHub:ApiUrl"] = hello["url"],
            ["GitHub:AppId"] = hello["appId"],
            ["GitHub:PrivateKey"] = hello["key"],
            ["GitHub:ETagCacheSize"] = etagCacheSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build())
        .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
        .AddGitHub()
        .BuildServiceProvider();
}
