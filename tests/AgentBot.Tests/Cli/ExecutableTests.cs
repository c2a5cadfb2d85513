using AgentBot.Testing;

namespace AgentBot.Tests.Cli;

/// <summary>The built agentbot executable, run as a real process from the repository root as the README says.</summary>
public sealed class ExecutableTests
{
    private static readonly string Assembly = Path.Combine(AppContext.BaseDirectory, "agentbot.dll");

    private static Task<ProcessResult> RunAsync(params string[] args) =>
        ProcessRunner.RunAsync("dotnet", [Assembly, .. args], RepositoryRoot.Path, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Validate_exits_0_on_the_roster_relative_to_the_working_directory()
    {
        var result = await RunAsync("validate", "agents/");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("0 errors", result.Output);
    }

    [Fact]
    public async Task Validate_exits_1_on_broken_definitions()
    {
        var result = await RunAsync("validate", "tests/AgentBot.Runner.Tests/TestData/broken");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("tests/AgentBot.Runner.Tests/TestData/broken/tabs.yml:5:1: error AB1002: tab character in indentation; YAML allows only spaces", result.Output);
    }

    [Fact]
    public async Task Help_lists_the_verbs()
    {
        var result = await RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("validate", result.Output);
        Assert.Contains("serve", result.Output);
    }
}
