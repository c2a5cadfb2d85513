using AgentBot.Runner.Conditions;

namespace AgentBot.Runner.Tests.Conditions;

public sealed class ConditionTests
{
    private static readonly Dictionary<(string, string), object?> Outputs = new()
    {
        [("reviewer", "verdict")] = "approved",
        [("security", "verdict")] = "changes_requested",
        [("qa", "confidence")] = 0.9,
        [("qa", "flaky")] = false,
        [("triage", "count")] = 3L,
    };

    private static bool Eval(string text) =>
        ConditionEvaluator.Evaluate(ConditionParser.Parse(text), (agent, output) => Outputs.GetValueOrDefault((agent, output)));

    [Theory]
    [InlineData("reviewer.verdict == \"approved\"", true)]
    [InlineData("reviewer.verdict == 'approved'", true)]
    [InlineData("reviewer.verdict != \"approved\"", false)]
    [InlineData("security.verdict == \"approved\"", false)]
    [InlineData("reviewer.verdict == \"approved\" && security.verdict == \"approved\"", false)]
    [InlineData("reviewer.verdict == \"approved\" || security.verdict == \"approved\"", true)]
    [InlineData("!(security.verdict == \"approved\")", true)]
    [InlineData("qa.confidence >= 0.8", true)]
    [InlineData("qa.confidence < 0.8", false)]
    [InlineData("triage.count > 2 && triage.count <= 3", true)]
    [InlineData("triage.count == 3", true)]
    [InlineData("qa.flaky == false", true)]
    [InlineData("!qa.flaky", true)]
    [InlineData("missing.output == null", true)]
    [InlineData("missing.output", false)]
    [InlineData("missing.output > 1", false)]
    [InlineData("reviewer.verdict > 1", false)]
    [InlineData("true || missing.output", true)]
    [InlineData("a-b.some_output == null", true)]
    [InlineData("reviewer.verdict == \"say \\\"hi\\\"\"", false)]
    public void Evaluates_over_earlier_outputs(string text, bool expected) => Assert.Equal(expected, Eval(text));

    [Theory]
    [InlineData("", 0, "empty condition")]
    [InlineData("reviewer.verdict = 'x'", 17, "'=' is not an operator; compare with '=='")]
    [InlineData("verdict == 'x'", 0, "'verdict' is not an output reference; write agent.output, e.g. reviewer.verdict")]
    [InlineData("reviewer. == 'x'", 9, "expected an output name after 'reviewer.'")]
    [InlineData("a.b.c == 1", 3, "a reference has exactly two parts: agent.output")]
    [InlineData("(a.b == 1", 9, "expected ')'")]
    [InlineData("a.b == 'x", 7, "unterminated string")]
    [InlineData("a.b == 1 a.c", 9, "unexpected 'a' after a complete condition; combine conditions with && or ||")]
    [InlineData("a.b ==", 6, "the condition ends too early; expected a value")]
    [InlineData("a.b == @", 7, "unexpected '@'; expected agent.output, a string, a number, true, false or null")]
    [InlineData("a.b == 1.2.3", 7, "invalid number '1.2.3'")]
    public void Syntax_errors_say_what_and_where(string text, int offset, string message)
    {
        var ex = Assert.Throws<ConditionSyntaxException>(() => ConditionParser.Parse(text));

        Assert.Equal((offset, message), (ex.Offset, ex.Message));
    }

    [Fact]
    public void Lists_every_reference_with_its_offset()
    {
        var condition = ConditionParser.Parse("a.x == 1 || !(b.y)");

        Assert.Equal([("a", "x", 0), ("b", "y", 14)], condition.References().Select(r => (r.Agent, r.Output, r.Offset)));
        Assert.Equal("a.x == 1 || !(b.y)", condition.Source);
    }
}
