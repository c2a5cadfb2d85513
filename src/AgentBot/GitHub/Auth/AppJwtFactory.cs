using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace AgentBot.GitHub.Auth;

/// <summary>
/// The RS256 JSON Web Token a GitHub App signs to ask for installation tokens: <c>iat</c> 60 s in the
/// past (clock drift), <c>exp</c> 10 minutes after <c>iat</c>, <c>iss</c> the app id. Reused until a minute before expiry.
/// </summary>
public sealed class AppJwtFactory(IOptions<GitHubOptions> options, TimeProvider time) : IDisposable
{
    private readonly Lock _gate = new();
    private RSA? _key;
    private (string Jwt, DateTimeOffset Expires)? _current;

    public string Create()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_current is { } current && current.Expires - now > TimeSpan.FromMinutes(1))
            {
                return current.Jwt;
            }

            _key ??= AppPrivateKey.TryLoad(options.Value, out var error) ?? throw new InvalidOperationException(error);
            var appId = options.Value.AppId ?? throw new InvalidOperationException("GitHub:AppId is not configured.");
            var issuedAt = now.AddSeconds(-60);
            var expires = issuedAt.AddMinutes(10);
            var jwt = Sign(_key, appId, issuedAt, expires);
            _current = (jwt, expires);
            return jwt;
        }
    }

    internal static string Sign(RSA key, long appId, DateTimeOffset issuedAt, DateTimeOffset expires)
    {
        var header = Base64Url.EncodeToString("""{"alg":"RS256","typ":"JWT"}"""u8);
        using var payloadBuffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(payloadBuffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
            writer.WriteNumber("exp", expires.ToUnixTimeSeconds());
            writer.WriteString("iss", appId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        var signingInput = $"{header}.{Base64Url.EncodeToString(payloadBuffer.ToArray())}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    public void Dispose() => _key?.Dispose();
}
