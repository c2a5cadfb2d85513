using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AgentBot.GitHub;
using AgentBot.GitHub.Auth;
using AgentBot.Testing;
using Microsoft.Extensions.Options;

namespace AgentBot.Tests.GitHub;

public sealed class AppJwtFactoryTests
{
    private static (AppJwtFactory Factory, RSA Key, ManualTimeProvider Clock) Create()
    {
        var key = RSA.Create(2048);
        var clock = new ManualTimeProvider();
        var options = Options.Create(new GitHubOptions { AppId = 4242, PrivateKey = key.ExportRSAPrivateKeyPem().Replace("\n", "\\n", StringComparison.Ordinal) });
        return (new AppJwtFactory(options, clock), key, clock);
    }

    [Fact]
    public void Signs_an_RS256_token_the_app_key_verifies_with_GitHubs_claims()
    {
        var (factory, key, clock) = Create();

        var parts = factory.Create().Split('.');

        Assert.Equal(3, parts.Length);
        Assert.Equal("""{"alg":"RS256","typ":"JWT"}""", Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[0])));
        var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement;
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        Assert.Equal(now - 60, claims.GetProperty("iat").GetInt64());
        Assert.Equal(now + 540, claims.GetProperty("exp").GetInt64());
        Assert.Equal("4242", claims.GetProperty("iss").GetString());
        Assert.True(key.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void Reuses_a_token_until_a_minute_before_it_expires()
    {
        var (factory, _, clock) = Create();
        var first = factory.Create();

        clock.Advance(TimeSpan.FromMinutes(7));
        Assert.Same(first, factory.Create());
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.NotEqual(first, factory.Create());
    }

    [Fact]
    public void An_installation_token_never_prints_its_value()
    {
        var token = new InstallationToken("ghs_secretsecretsecret", DateTimeOffset.UnixEpoch);

        Assert.DoesNotContain("ghs_", token.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("ghs_", new AgentBot.GitHub.Models.AccessTokenResponse("ghs_x", DateTimeOffset.UnixEpoch).ToString(), StringComparison.Ordinal);
    }
}
