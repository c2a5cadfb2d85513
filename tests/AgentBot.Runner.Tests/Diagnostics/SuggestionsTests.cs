using AgentBot.Runner.Diagnostics;

namespace AgentBot.Runner.Tests.Diagnostics;

public sealed class SuggestionsTests
{
    private static readonly string[] Keys = ["name", "model", "prompt", "reports-to", "disallowed-tools", "max-cost-usd"];

    [Theory]
    [InlineData("modle", "model")]
    [InlineData("promt", "prompt")]
    [InlineData("Prompt", "prompt")]
    [InlineData("reports_to", "reports-to")]
    [InlineData("reportsTo", "reports-to")]
    [InlineData("disallowedTools", "disallowed-tools")]
    [InlineData("max-cost", "max-cost-usd")]
    [InlineData("nmae", "name")]
    [InlineData("colour", null)]
    [InlineData("x", null)]
    public void Suggests_the_closest_key(string input, string? expected) => Assert.Equal(expected, Suggestions.Closest(input, Keys));

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("ab", "ba", 1)]
    [InlineData("", "abc", 3)]
    [InlineData("same", "same", 0)]
    public void Distance_counts_edits_and_transpositions(string a, string b, int expected) =>
        Assert.Equal(expected, Suggestions.Distance(a, b));
}
