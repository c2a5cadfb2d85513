using AgentBot.Runner.Definitions;

namespace AgentBot.Runner.Tests.Definitions;

public sealed class DurationTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("20m", 1200)]
    [InlineData("1h30m", 5400)]
    [InlineData("2h", 7200)]
    [InlineData("1h1m1s", 3661)]
    public void Parses_what_people_write(string text, int seconds)
    {
        Assert.True(Duration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("10 minutes")]
    [InlineData("1m1h")]
    [InlineData("-5m")]
    [InlineData("1.5h")]
    public void Refuses_anything_else(string text) => Assert.False(Duration.TryParse(text, out _));

    [Theory]
    [InlineData(5400, "1h30m")]
    [InlineData(0, "0s")]
    [InlineData(90000, "25h")]
    public void Formats_back(int seconds, string expected) => Assert.Equal(expected, Duration.Format(TimeSpan.FromSeconds(seconds)));
}
