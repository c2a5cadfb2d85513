using AgentBot.Runner.Tools;

namespace AgentBot.Runner.Tests.Tools;

public sealed class ToolCatalogTests
{
    [Theory]
    [InlineData("Read", true)]
    [InlineData("github.comment", true)]
    [InlineData("github.create_review", false)] // denied explicitly
    [InlineData("Bash", false)] // never allowed
    [InlineData("mcp.docs.search", true)]
    [InlineData("mcp.docs", false)]
    [InlineData("mcp.jira.search", false)]
    [InlineData("github.", false)]
    [InlineData("read", false)] // names are case-sensitive
    public void Deny_wins_and_anything_not_allowed_is_denied(string tool, bool permitted)
    {
        string[] allowed = ["Read", "github.*", "mcp.docs.*"];
        string[] denied = ["github.create_review"];

        Assert.Equal(permitted, ToolCatalog.IsPermitted(tool, allowed, denied));
    }

    [Fact]
    public void A_wildcard_deny_covers_every_tool_under_it()
    {
        Assert.False(ToolCatalog.IsPermitted("github.comment", ["github.comment"], ["github.*"]));
        Assert.False(ToolCatalog.IsPermitted("mcp.docs.search", ["mcp.docs.search"], ["mcp.docs.*"]));
    }

    [Theory]
    [InlineData("mcp.docs.search", "docs")]
    [InlineData("mcp.my-server.*", "my-server")]
    [InlineData("mcp.Docs.search", null)]
    [InlineData("mcp.docs", null)]
    [InlineData("github.comment", null)]
    public void Finds_the_server_of_an_mcp_tool(string tool, string? server) => Assert.Equal(server, ToolCatalog.McpServerOf(tool));

    [Fact]
    public void The_default_tools_are_read_only()
    {
        Assert.All(ToolCatalog.DefaultTools, t => Assert.Contains(t, new[] { "Read", "Glob", "Grep" }));
        Assert.Empty(ToolCatalog.GitHubWriteTools.Intersect(ToolCatalog.DefaultTools));
    }
}
