using AgentBot.Testing;
using AgentBot.Tests.GitHub;

namespace AgentBot.Tests.Workflows.Reporting;

/// <summary>The real client against the fake GitHub, on a manual clock that moves only when a test says so.</summary>
internal static class ReportingHarness
{
    // A day-long attempt timeout keeps the client's own timers away from the coalescing windows these tests move through.
    public static Task<GitHubHarness> StartAsync(ManualTimeProvider clock) =>
        GitHubHarness.StartAsync(clock, new Dictionary<string, string?> { ["GitHub:RequestTimeout"] = "1.00:00:00" });

    /// <summary>Waits briefly, in real time, for a send the clock set off in the background; the clock itself is not moved.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }
}
