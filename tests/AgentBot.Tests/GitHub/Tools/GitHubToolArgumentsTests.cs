using AgentBot.Runner.Tools;
using static AgentBot.Tests.GitHub.Tools.GitHubToolsKit;

namespace AgentBot.Tests.GitHub.Tools;

/// <summary>Arguments a model gets wrong are an error result naming the problem, and nothing reaches GitHub.</summary>
public sealed class ToolArgumentsTests : IAsyncLifetime
{
    private GitHubHarness _h = null!;

    public async ValueTask InitializeAsync() => _h = await GitHubHarness.StartAsync();

    public async ValueTask DisposeAsync()
    {
        Assert.Empty(_h.GitHub.UnhandledRequests);
        await _h.DisposeAsync();
    }

    private IReadOnlyList<ITool> Tools(int? number = 12, bool isPullRequest = false) =>
        GitHubToolsKit.Tools(_h, number, isPullRequest);

    private List<string> ApiCalls() => GitHubToolsKit.ApiCalls(_h);

    [Theory]
    [InlineData("github.comment", """{"body": "x", "numbr": 3}""", "unknown argument 'numbr'; expected body, number")]
    [InlineData("github.comment", """{}""", "'body' is required")]
    [InlineData("github.comment", """{"body": "  "}""", "'body' must not be empty")]
    [InlineData("github.comment", """{"body": "x", "number": 0}""", "'number' must be at least 1")]
    [InlineData("github.add_labels", """{"labels": []}""", "'labels' must name at least one")]
    [InlineData("github.add_labels", """{"labels": [1]}""", "'labels' must be a list of strings")]
    [InlineData("github.get_file", """{"path": "/"}""", "'path' must name a file, not the repository root")]
    [InlineData("github.compare", """{"base": "main"}""", "'head' is required")]
    [InlineData("github.create_issue", """{"title": "a\nb", "body": "x"}""", "'title' must be one line of at most 256 characters")]
    [InlineData("github.create_review", """{"event": "COMMENT", "body": "x", "comments": [{"path": "a", "body": "b"}]}""", "comments[0]: 'line' is required")]
    [InlineData("github.create_review", """{"event": "COMMENT", "body": "x", "comments": [{"path": "a", "line": 1, "body": "b", "position": 3}]}""",
        "comments[0]: unknown argument 'position'; expected path, line, side, body")]
    [InlineData("github.create_review", """{"event": "COMMENT", "body": "x", "comments": ["looks fine"]}""", "comments[0]: must be a JSON object")]
    [InlineData("github.create_review", """{"event": "COMMENT", "body": "x", "comments": [{"path": "a", "line": 1, "side": "up", "body": "b"}]}""",
        "comments[0]: 'side' must be RIGHT or LEFT, not 'UP'")]
    [InlineData("github.create_review", """{"event": "COMMENT", "body": "", "comments": []}""", "a review needs a 'body' or at least one inline comment")]
    [InlineData("github.create_review", """{"event": "DISMISS", "body": "x"}""", "'event' must be COMMENT or REQUEST_CHANGES, not 'DISMISS'")]
    [InlineData("github.create_pull_request", """{"title": "t", "head": "h"}""", "'body' is required")]
    [InlineData("github.list_comments", """[1]""", "arguments must be a JSON object")]
    public async Task Bad_arguments_are_an_error_result_and_no_request(string tool, string arguments, string error)
    {
        var result = await CallAsync(Tools(30, isPullRequest: true), tool, arguments);

        Assert.Equal((true, error), (result.IsError, result.Content));
        Assert.Empty(ApiCalls());
    }
}
