using System.Net.Http.Headers;
using AgentBot.Testing.FakeGitHub;

namespace AgentBot.Tests.FakeGitHub;

/// <summary>A plain HttpClient against the fake, so these tests check the fake itself and not AgentBot's client.</summary>
internal static class FakeGitHubHttp
{
    public static HttpClient Create(FakeGitHubServer fake, string? token = null)
    {
        var client = new HttpClient { BaseAddress = fake.BaseUrl };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("agentbot-tests");
        client.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.github+json");
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public static string Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(", ", contentValues)
        : throw new Xunit.Sdk.XunitException($"The response has no {name} header.");
}
