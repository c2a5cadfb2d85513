using AgentBot.GitHub.Http;

namespace AgentBot.Tests.GitHub;

public sealed class LinkHeaderTests
{
    private const string GitHubStyle =
        "<https://api.github.com/repositories/1300192/issues?page=2>; rel=\"prev\", <https://api.github.com/repositories/1300192/issues?page=4>; rel=\"next\", " +
        "<https://api.github.com/repositories/1300192/issues?page=515>; rel=\"last\", <https://api.github.com/repositories/1300192/issues?page=1>; rel=\"first\"";

    [Theory]
    [InlineData("next", "https://api.github.com/repositories/1300192/issues?page=4")]
    [InlineData("last", "https://api.github.com/repositories/1300192/issues?page=515")]
    [InlineData("prev", "https://api.github.com/repositories/1300192/issues?page=2")]
    public void Finds_each_relation(string rel, string expected) => Assert.Equal(new Uri(expected), LinkHeader.Find([GitHubStyle], rel));

    [Fact]
    public void The_last_page_has_no_next() => Assert.Null(LinkHeader.Find(["<https://x/y?page=1>; rel=\"first\""], "next"));
}
