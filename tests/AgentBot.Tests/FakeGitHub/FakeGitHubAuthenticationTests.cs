using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AgentBot.Testing;
using AgentBot.Testing.FakeGitHub;

namespace AgentBot.Tests.FakeGitHub;

/// <summary>The app-JWT exchange, with JWTs crafted here by hand so the fake's verifier is checked against an independent signer.</summary>
public sealed class FakeGitHubAuthenticationTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_JWT_signed_with_the_apps_key_gets_an_installation_token_that_opens_the_repos_routes()
    {
        var clock = new ManualTimeProvider();
        await using var fake = await FakeGitHubServer.StartAsync(clock);
        fake.AddRepository("octo", "hello");
        using var key = RSA.Create();
        key.ImportFromPem(fake.App.PrivateKeyPem);
        var now = clock.GetUtcNow().ToUnixTimeSeconds();

        var response = await ExchangeAsync(fake, Jwt(key, fake.App.AppId.ToString(), now - 60, now + 540));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>(Cancel))!;
        var token = body["token"]!.GetValue<string>();
        Assert.Matches("^ghs_[A-Za-z0-9]{36}$", token);
        Assert.Equal("2026-11-01T13:00:00Z", body["expires_at"]!.GetValue<string>());
        Assert.Equal("all", body["repository_selection"]!.GetValue<string>());
        Assert.Equal(1, fake.TokensIssued(1));
        using var client = FakeGitHubHttp.Create(fake, token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("repos/octo/hello", Cancel)).StatusCode);
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", fake.App.PrivateKeyPem);
    }

    [Fact]
    public async Task A_JWT_signed_with_another_key_gets_401_and_no_token()
    {
        var clock = new ManualTimeProvider();
        await using var fake = await FakeGitHubServer.StartAsync(clock);
        using var otherKey = RSA.Create(2048);
        var now = clock.GetUtcNow().ToUnixTimeSeconds();

        var response = await ExchangeAsync(fake, Jwt(otherKey, fake.App.AppId.ToString(), now - 60, now + 540));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("A JSON web token could not be decoded", (await response.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["message"]!.GetValue<string>());
        Assert.Equal(0, fake.TokensIssued(1));
    }

    [Theory]
    [InlineData(-60, 540, true, 201, null)]
    [InlineData(-60, 540, false, 401, "A JSON web token could not be decoded")]
    [InlineData(0, 601, true, 401, "'Expiration time' claim ('exp') is too far in the future")]
    [InlineData(-700, -100, true, 401, "'Expiration time' claim ('exp') must be a numeric value")]
    [InlineData(120, 600, true, 401, "'Issued at' claim ('iat')")]
    [InlineData(50, 600, true, 201, null)]
    public async Task The_JWT_claims_are_checked_against_the_fakes_clock(int iatOffset, int expOffset, bool ownAppId, int status, string? message)
    {
        var clock = new ManualTimeProvider();
        await using var fake = await FakeGitHubServer.StartAsync(clock);
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var iss = ownAppId ? fake.App.AppId.ToString() : "1";

        var response = await ExchangeAsync(fake, Jwt(fake.App.Key, iss, now + iatOffset, now + expOffset));

        Assert.Equal(status, (int)response.StatusCode);
        if (message is not null)
        {
            Assert.StartsWith(message, (await response.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["message"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task An_unknown_installation_gets_404()
    {
        var clock = new ManualTimeProvider();
        await using var fake = await FakeGitHubServer.StartAsync(clock);
        var now = clock.GetUtcNow().ToUnixTimeSeconds();

        var response = await ExchangeAsync(fake, Jwt(fake.App.Key, fake.App.AppId.ToString(), now, now + 300), installation: 77);
        fake.AddInstallation(77);
        var afterAdding = await ExchangeAsync(fake, Jwt(fake.App.Key, fake.App.AppId.ToString(), now, now + 300), installation: 77);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.Created, afterAdding.StatusCode);
        Assert.Equal(1, fake.TokensIssued(77));
    }

    private static async Task<HttpResponseMessage> ExchangeAsync(FakeGitHubServer fake, string jwt, long installation = 1)
    {
        using var client = FakeGitHubHttp.Create(fake);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"app/installations/{installation}/access_tokens");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        return await client.SendAsync(request, Cancel);
    }

    private static string Jwt(RSA key, string issuer, long issuedAt, long expiresAt)
    {
        var header = Base64Url.EncodeToString("""{"alg":"RS256","typ":"JWT"}"""u8);
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($$"""{"iat":{{issuedAt}},"exp":{{expiresAt}},"iss":"{{issuer}}"}"""));
        var signature = key.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{Base64Url.EncodeToString(signature)}";
    }
}
