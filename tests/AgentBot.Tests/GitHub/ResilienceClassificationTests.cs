using System.Net;
using AgentBot.GitHub.Api;
using AgentBot.GitHub.Http;

namespace AgentBot.Tests.GitHub;

public sealed class ResilienceClassificationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static HttpResponseMessage Response(HttpStatusCode status, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    [Fact]
    public void A_primary_limit_waits_until_the_reset()
    {
        using var response = Response(HttpStatusCode.Forbidden, ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", Now.AddMinutes(20).ToUnixTimeSeconds().ToString()));

        var limit = GitHubResilienceHandler.RateLimit.From(response, "{}", Now);

        Assert.Equal(("primary", TimeSpan.FromMinutes(20) + TimeSpan.FromSeconds(1)), (limit!.Kind, limit.Wait));
    }

    [Fact]
    public void A_secondary_limit_waits_as_retry_after_says()
    {
        using var response = Response(HttpStatusCode.Forbidden, ("retry-after", "42"));

        Assert.Equal(TimeSpan.FromSeconds(42), GitHubResilienceHandler.RateLimit.From(response, "{}", Now)!.Wait);
    }

    [Fact]
    public void A_secondary_limit_named_only_in_the_message_waits_a_minute()
    {
        using var response = Response(HttpStatusCode.Forbidden);

        var limit = GitHubResilienceHandler.RateLimit.From(response, """{"message":"You have exceeded a secondary rate limit."}""", Now);

        Assert.Equal(TimeSpan.FromMinutes(1), limit!.Wait);
    }

    [Fact]
    public void A_plain_403_is_not_a_rate_limit()
    {
        using var response = Response(HttpStatusCode.Forbidden, ("x-ratelimit-remaining", "4999"));

        Assert.Null(GitHubResilienceHandler.RateLimit.From(response, """{"message":"Resource not accessible by integration"}""", Now));
    }

    [Theory]
    [InlineData("https://api.github.com/", "graphql", "https://api.github.com/graphql")]
    [InlineData("https://ghe.example.com/api/v3/", "../graphql", "https://ghe.example.com/api/graphql")]
    public void GraphQl_lives_beside_the_rest_base(string restBase, string path, string absolute)
    {
        Assert.Equal(path, PullRequestsApi.GraphQlPath(new Uri(restBase)));
        Assert.Equal(new Uri(absolute), new Uri(new Uri(restBase), path));
    }
}
