using System.Text.Json;
using AgentBot.Cli;
using AgentBot.Testing;

namespace AgentBot.Tests.Cli;

public sealed class ValidateCommandTests
{
    private static readonly string Agents = RepositoryRoot.Combine("agents");
    private static readonly string Broken = RepositoryRoot.Combine("tests", "AgentBot.Runner.Tests", "TestData", "broken");

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await AgentBotCommand.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Exits_0_on_the_example_roster()
    {
        var (exit, output, _) = await RunAsync("validate", Agents);

        Assert.Equal(0, exit);
        Assert.Equal("5 agents loaded (coder, lead, qa, reviewer, security), 0 errors, 0 warnings", output.Trim());
    }

    [Fact]
    public async Task Exits_1_and_prints_every_problem_in_compiler_format()
    {
        var (exit, output, _) = await RunAsync("validate", Broken);

        Assert.Equal(1, exit);
        var lines = output.Trim().Split('\n');
        // GitHub's problem matchers read path:line:col: severity code: message.
        Assert.All(lines[..^1], l => Assert.Matches(@"^.+\.ya?ml:\d+:\d+: (error|warning) AB\d{4}: .+$", l));
        Assert.Equal(49, lines.Length - 1);
        Assert.Contains($"{Broken}/unknown-key.yml:2:1: error AB1101: unknown key 'modle'; did you mean 'model'?", lines);
        Assert.EndsWith("43 errors, 6 warnings", lines[^1]);
    }

    [Fact]
    public async Task Warnings_alone_do_not_fail()
    {
        var (exit, output, _) = await RunAsync("validate", Path.Combine(Broken, "empty-prompt.yml"));

        Assert.Equal(0, exit);
        Assert.Contains("warning AB1501", output);
    }

    [Fact]
    public async Task Json_format_carries_agents_and_diagnostics()
    {
        var (exit, output, _) = await RunAsync("validate", Broken, "--format", "json");

        Assert.Equal(1, exit);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.False(report.GetProperty("valid").GetBoolean());
        Assert.Equal(43, report.GetProperty("errors").GetInt32());
        Assert.Equal(6, report.GetProperty("warnings").GetInt32());
        Assert.Equal(10, report.GetProperty("agents").GetArrayLength());
        var first = report.GetProperty("diagnostics")[0];
        Assert.Equal(
            ($"{Broken}/allow-deny.yml", 6, 5, "warning", "AB1303"),
            (first.GetProperty("file").GetString(), first.GetProperty("line").GetInt32(), first.GetProperty("column").GetInt32(),
             first.GetProperty("severity").GetString(), first.GetProperty("code").GetString()));
        var valid = report.GetProperty("agents").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "valid");
        Assert.Equal(("reviewer", "anthropic/claude-sonnet-4-6"), (valid.GetProperty("role").GetString(), valid.GetProperty("model").GetString()));
        Assert.Matches("^[0-9a-f]{64}$", valid.GetProperty("contentHash").GetString());
    }

    [Fact]
    public async Task A_missing_folder_is_an_error_not_a_crash()
    {
        var (exit, output, _) = await RunAsync("validate", "no-such-folder");

        Assert.Equal(1, exit);
        Assert.StartsWith("no-such-folder: error AB1601: no such folder or file", output);
    }

    [Theory]
    [InlineData("validate", "--format", "xml")]
    [InlineData("validate", "--bogus")]
    [InlineData("validate", "a", "b")]
    [InlineData("valdate")]
    public async Task Usage_errors_exit_2_and_say_what_is_wrong(params string[] args)
    {
        var (exit, output, error) = await RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.StartsWith("agentbot: ", error);
    }
}
