using System.Text.Json;
using AgentBot.GitHub.Tools;
using AgentBot.Runner.Definitions;
using AgentBot.Runner.Tools;

namespace AgentBot.Tests.GitHub.Tools;

/// <summary>Builds a run's github.* tools over <see cref="GitHubHarness"/> (octo/hello) and calls them as the engine does.</summary>
internal static class GitHubToolsKit
{
    public const string Marker = "<!-- agentbot:run:42 -->";

    private static readonly ToolContext Workspace = new("/nonexistent/workspace", new HashSet<Capability> { Capability.GitHubApi });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The tools of a run on #<paramref name="number"/>.</summary>
    public static IReadOnlyList<ITool> Tools(GitHubHarness h, int? number, bool isPullRequest) =>
        GitHubTools.For(new GitHubToolContext(h.Client, "octo", "hello", number, isPullRequest, Marker));

    public static async Task<ToolResult> CallAsync(IReadOnlyList<ITool> tools, string name, string arguments = "{}")
    {
        var result = await tools.Single(t => t.Name == name).InvokeAsync(JsonElement.Parse(arguments), Workspace, Ct);
        // Whatever happened, the installation token never reaches the model.
        Assert.DoesNotContain("ghs_", result.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("Bearer", result.Content, StringComparison.Ordinal);
        return result;
    }

    /// <summary>Requests other than the token exchange, in order, as "METHOD /path".</summary>
    public static List<string> ApiCalls(GitHubHarness h) =>
        [.. h.GitHub.Requests.Where(r => !r.Path.StartsWith("/app/", StringComparison.Ordinal)).Select(r => $"{r.Method} {r.Path}")];
}
