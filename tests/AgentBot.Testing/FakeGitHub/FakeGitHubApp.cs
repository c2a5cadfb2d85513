using System.Security.Cryptography;

namespace AgentBot.Testing.FakeGitHub;

/// <summary>
/// The GitHub App the fake trusts: its id, a fresh RSA key pair per fake, and the bot account its installation
/// tokens act as. Give <see cref="AppId"/> and <see cref="PrivateKeyPem"/> to the client under test.
/// </summary>
public sealed class FakeGitHubApp : IDisposable
{
    internal FakeGitHubApp()
    {
        Key = RSA.Create(2048);
        PrivateKeyPem = Key.ExportRSAPrivateKeyPem();
        PublicKeyPem = Key.ExportSubjectPublicKeyInfoPem();
    }

    public long AppId { get; } = 424242;

    /// <summary>GitHub also accepts the client id as a JWT's iss.</summary>
    public string ClientId { get; } = "Iv23liFakeAgentBot42";

    public string Slug { get; } = "agentbot";

    public string Name { get; } = "AgentBot";

    public RSA Key { get; }

    /// <summary>PKCS#1 ("-----BEGIN RSA PRIVATE KEY-----"), the form GitHub's "Generate a private key" downloads.</summary>
    public string PrivateKeyPem { get; }

    public string PublicKeyPem { get; }

    /// <summary>Who comments, reviews and opens pull requests when the client uses an installation token.</summary>
    public FakeUser BotUser { get; } = new("agentbot[bot]", 190_000_001, "Bot");

    public void Dispose() => Key.Dispose();
}
