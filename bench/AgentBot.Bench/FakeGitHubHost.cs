using System.Text.Json;
using AgentBot.Testing.FakeGitHub;

namespace AgentBot.Bench;

/// <summary>
/// Runs the fake GitHub in its own process, so the client's allocations are measured without the server's.
/// Prints one JSON line (url, app id, key), then serves until its standard input closes.
/// </summary>
internal static class FakeGitHubHost
{
    public static async Task<int> RunAsync()
    {
        await using var github = await FakeGitHubServer.StartAsync();
        github.RateLimitPerHour = 1_000_000;
        var repo = github.AddRepository("octo", "hello");
        repo.AddIssue(1, "Benchmark issue", "body");
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["url"] = github.BaseUrl.ToString(),
            ["appId"] = github.App.AppId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["key"] = github.App.PrivateKeyPem,
        }));
        await Console.In.ReadToEndAsync();
        return 0;
    }
}
