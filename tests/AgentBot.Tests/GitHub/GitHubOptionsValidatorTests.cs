using System.Security.Cryptography;
using AgentBot.GitHub;

namespace AgentBot.Tests.GitHub;

public sealed class GitHubOptionsValidatorTests
{
    private static string? Validate(GitHubOptions options) => new GitHubOptionsValidator().Validate(null, options).FailureMessage;

    [Fact]
    public void No_GitHub_settings_at_all_is_local_mode_not_an_error() => Assert.Null(Validate(new GitHubOptions()));

    [Fact]
    public void A_valid_app_passes()
    {
        using var key = RSA.Create(2048);
        Assert.Null(Validate(new GitHubOptions { AppId = 1, PrivateKey = key.ExportPkcs8PrivateKeyPem() }));
    }

    [Theory]
    [InlineData(null, "-----BEGIN RSA PRIVATE KEY-----", null, "GitHub:AppId must be")]
    [InlineData(7L, null, null, "GitHub:PrivateKey or GitHub:PrivateKeyPath is required")]
    [InlineData(7L, "not a key", null, "GitHub:PrivateKey is not a PEM-encoded RSA private key")]
    [InlineData(7L, null, "/no/such/key.pem", "GitHub:PrivateKeyPath: no such file")]
    public void Names_the_key_that_is_wrong(long? appId, string? key, string? path, string expected)
    {
        var message = Validate(new GitHubOptions { AppId = appId, PrivateKey = key, PrivateKeyPath = path });

        Assert.Contains(expected, message);
    }

    [Fact]
    public void A_bad_key_is_never_echoed()
    {
        var message = Validate(new GitHubOptions { AppId = 7, PrivateKey = "-----BEGIN RSA PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END RSA PRIVATE KEY-----" });

        Assert.DoesNotContain("c2VjcmV0", message);
    }

    [Fact]
    public void The_api_url_must_be_http()
    {
        Assert.Contains("GitHub:ApiUrl", Validate(new GitHubOptions { ApiUrl = new Uri("ftp://example.com/") }));
    }
}
