using AgentBot.GitHub.Tools;
using AgentBot.Runner.Tools;
using static AgentBot.Tests.GitHub.Tools.GitHubToolsKit;

namespace AgentBot.Tests.GitHub.Tools;

/// <summary>The github.* tools are the catalogue's: the same names, and exactly the write tools leave the workspace.</summary>
public sealed class GitHubToolCatalogueTests : IAsyncLifetime
{
    private GitHubHarness _h = null!;

    public async ValueTask InitializeAsync() => _h = await GitHubHarness.StartAsync();

    public async ValueTask DisposeAsync()
    {
        Assert.Empty(_h.GitHub.UnhandledRequests);
        await _h.DisposeAsync();
    }

    [Fact]
    public void Are_the_catalogues_github_tools_with_writes_and_only_writes_leaving_the_workspace()
    {
        var tools = GitHubTools.For(new GitHubToolContext(_h.Client, "octo", "hello", 1, false, Marker));

        Assert.Equal([.. ToolCatalog.GitHubReadTools, .. ToolCatalog.GitHubWriteTools], tools.Select(t => t.Name));
        Assert.Equal(ToolCatalog.GitHubReadTools, tools.Where(t => !t.LeavesWorkspace).Select(t => t.Name));
        Assert.Equal(ToolCatalog.GitHubWriteTools, tools.Where(t => t.LeavesWorkspace).Select(t => t.Name));
        Assert.All(tools, t => Assert.True(ToolCatalog.IsKnown(t.Name), t.Name));
        Assert.All(tools, t => Assert.True(ToolCatalog.Covers(ToolCatalog.GitHubWildcard, t.Name), t.Name));
    }

    [Fact]
    public void Every_schema_is_an_object_schema_whose_required_arguments_it_describes()
    {
        foreach (var tool in GitHubToolsKit.Tools(_h, number: 30, isPullRequest: true))
        {
            var schema = tool.InputSchema;
            Assert.Equal("object", schema.GetProperty("type").GetString());
            Assert.False(schema.GetProperty("additionalProperties").GetBoolean(), tool.Name);
            var properties = schema.GetProperty("properties");
            Assert.All(properties.EnumerateObject(), p => Assert.False(string.IsNullOrWhiteSpace(p.Value.GetProperty("description").GetString()), $"{tool.Name}.{p.Name}"));
            if (schema.TryGetProperty("required", out var required))
            {
                Assert.All(required.EnumerateArray(), r => Assert.True(properties.TryGetProperty(r.GetString()!, out _), $"{tool.Name} requires {r}"));
            }

            Assert.True(tool.Description.Length > 80, tool.Name);
        }
    }
}
