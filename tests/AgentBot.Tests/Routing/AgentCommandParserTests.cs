using AgentBot.Routing;

namespace AgentBot.Tests.Routing;

public sealed class AgentCommandParserTests
{
    private static string[] Parse(string body) =>
        [.. AgentCommandParser.Parse(body).Select(c => c.Arguments.Length == 0 ? c.Verb : $"{c.Verb}|{c.Arguments}")];

    [Fact]
    public void Reads_the_verb_and_the_trimmed_rest_of_the_line()
    {
        var command = Assert.Single(AgentCommandParser.Parse("/agent implement   the login screen, skill:flutter  "));

        Assert.Equal(new AgentCommand("implement", "the login screen, skill:flutter"), command);
        Assert.False(command.IsControl);
    }

    [Fact]
    public void Reads_one_command_per_line_among_prose()
    {
        var body = "Thanks for the report!\r\n/agent plan\r\n\r\nand then\r\n  /agent implement step one\r\n/agent review";

        Assert.Equal(["plan", "implement|step one", "review"], Parse(body));
    }

    [Theory]
    [InlineData("/agent")]
    [InlineData("/agent   ")]
    [InlineData("   /agent")]
    public void A_bare_agent_is_help(string body)
    {
        var command = Assert.Single(AgentCommandParser.Parse(body));

        Assert.Equal(new AgentCommand("help", string.Empty), command);
        Assert.True(command.IsControl);
    }

    [Theory]
    [InlineData("/Agent Review", "review")]
    [InlineData("/AGENT QA please", "qa|please")]
    [InlineData("/agent Coder-DotNet Fix It", "coder-dotnet|Fix It")]
    public void The_command_and_verb_are_case_insensitive_but_the_arguments_keep_their_case(string body, string expected) =>
        Assert.Equal([expected], Parse(body));

    [Fact]
    public void Lines_inside_code_fences_are_not_commands()
    {
        var body = """
            To run the reviewer, write:
            ```
            /agent review
            ```
            ~~~~text
            /agent implement
            ```
            /agent still-inside-the-tilde-fence
            ~~~~
            /agent plan
            """;

        Assert.Equal(["plan"], Parse(body));
    }

    [Fact]
    public void A_fence_closes_only_with_the_same_marker_at_least_as_long()
    {
        var body = "````md\n```\n/agent inside\n````\n/agent outside";

        Assert.Equal(["outside"], Parse(body));
    }

    [Fact]
    public void An_unclosed_fence_runs_to_the_end_of_the_comment() =>
        Assert.Equal(["first-is-fine"], Parse("/agent first-is-fine\n```bash\n/agent review"));

    [Theory]
    [InlineData("> /agent implement")]
    [InlineData("  > /agent implement")]
    [InlineData(">> /agent implement")]
    public void Quoted_lines_are_not_commands(string line) =>
        Assert.Equal(["plan"], Parse($"You wrote:\n{line}\n/agent plan"));

    [Theory]
    [InlineData("/agents list")]
    [InlineData("/agent:coder")]
    [InlineData("please /agent review")]
    [InlineData("`/agent review`")]
    [InlineData("/agent @coder do it")]
    [InlineData("/agent coder! now")]
    [InlineData("/agent kodér")]
    [InlineData("")]
    public void Lines_that_are_not_a_valid_command_are_ignored(string body) => Assert.Empty(Parse(body));
}
