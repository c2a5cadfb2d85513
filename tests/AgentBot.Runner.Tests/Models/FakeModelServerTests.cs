using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AgentBot.Runner.Models;
using AgentBot.Testing.FakeModels;
using Microsoft.Extensions.AI;

namespace AgentBot.Runner.Tests.Models;

/// <summary>The fakes themselves: what they do with requests nobody scripted, wrong keys and unknown routes.</summary>
public sealed class FakeModelServerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    public async Task A_request_nothing_was_scripted_for_fails_at_once_and_is_flagged(string provider)
    {
        await using var h = await ModelHarness.StartAsync(provider);

        var ex = await Assert.ThrowsAsync<ModelCallException>(() => h.Client().GetResponseAsync([new(ChatRole.User, "Hi")], cancellationToken: Ct));

        Assert.Equal(500, ex.StatusCode);
        Assert.Contains("has nothing scripted for request #1", ex.Message, StringComparison.Ordinal);
        Assert.Single(h.UnexpectedRequests);
        Assert.Equal(1, ex.Attempts);
    }

    [Fact]
    public async Task A_wrong_key_gets_401_without_using_up_a_scripted_answer()
    {
        await using var fake = await FakeOpenAIServer.StartAsync();
        fake.Reply.Text("kept");
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fake.Endpoint + "/chat/completions"))
        {
            Content = new StringContent("""{"model":"gpt-4.1","messages":[]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-other");

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_api_key", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(1, fake.Reply.Remaining);
        Assert.Empty(fake.UnexpectedRequests);
    }

    [Fact]
    public async Task A_route_the_fake_does_not_serve_gets_404_and_is_flagged()
    {
        await using var fake = await FakeAnthropicServer.StartAsync();
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(fake.Endpoint, "/v1/models"), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("/v1/models", Assert.Single(fake.UnexpectedRequests).Path);
    }
}
