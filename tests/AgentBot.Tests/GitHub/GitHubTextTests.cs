using AgentBot.GitHub.Http;

namespace AgentBot.Tests.GitHub;

public sealed class GitHubTextTests
{
    [Fact]
    public void Short_text_is_untouched() => Assert.Equal("hello", GitHubText.Limit("hello"));

    [Fact]
    public void Long_text_is_cut_at_a_line_under_the_limit_with_a_note()
    {
        var text = string.Join('\n', Enumerable.Range(0, 20_000).Select(i => $"line {i}"));

        var cut = GitHubText.Limit(text);

        Assert.True(cut.Length <= GitHubText.MaxLength);
        Assert.Contains($"truncated by AgentBot: {text.Length:N0} characters", cut);
        var body = cut[..cut.IndexOf("\n\n…", StringComparison.Ordinal)];
        Assert.StartsWith(body, text, StringComparison.Ordinal);
        Assert.EndsWith("line", body[..body.LastIndexOf(' ')], StringComparison.Ordinal);
    }

    [Fact]
    public void An_open_code_block_is_closed_before_the_note()
    {
        var text = "```diff\n" + new string('+', 70_000);

        var cut = GitHubText.Limit(text);

        Assert.True(cut.Length <= GitHubText.MaxLength);
        Assert.Equal(2, cut.Split("```").Length - 1);
    }

    [Fact]
    public void A_surrogate_pair_is_never_split()
    {
        var text = string.Concat(Enumerable.Repeat("😀", 40_000));

        var cut = GitHubText.Limit(text);

        Assert.True(cut.Length <= GitHubText.MaxLength);
        Assert.False(char.IsHighSurrogate(cut[cut.IndexOf("\n\n…", StringComparison.Ordinal) - 1]));
    }
}
