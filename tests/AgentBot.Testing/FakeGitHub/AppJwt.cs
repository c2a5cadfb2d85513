using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AgentBot.Testing.FakeGitHub;

/// <summary>
/// Checks a GitHub App JWT the way GitHub does before issuing an installation token: RS256 over the app's key, iss
/// the app id (string or number) or client id, iat at most 60 s ahead of the clock, exp in the future and at most
/// ten minutes after iat. Answers GitHub's messages.
/// </summary>
internal static class AppJwt
{
    public const string CouldNotDecode = "A JSON web token could not be decoded";
    public const string IssuedAt = "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";
    public const string Expired = "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
    public const string TooFarAhead = "'Expiration time' claim ('exp') is too far in the future";

    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(60);
    private const long MaxLifetimeSeconds = 600;

    /// <summary>Null when the JWT is good, else the message GitHub answers 401 with.</summary>
    public static string? Validate(string? authorization, FakeGitHubApp app, DateTimeOffset now)
    {
        const string Bearer = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return CouldNotDecode;
        }

        var parts = authorization[Bearer.Length..].Trim().Split('.');
        if (parts.Length != 3)
        {
            return CouldNotDecode;
        }

        using var header = Decode(parts[0]);
        using var payload = Decode(parts[1]);
        if (header?.RootElement is not { ValueKind: JsonValueKind.Object } head
            || payload?.RootElement is not { ValueKind: JsonValueKind.Object } claims
            || !head.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != "RS256"
            || (head.TryGetProperty("typ", out var typ) && !string.Equals(typ.ToString(), "JWT", StringComparison.OrdinalIgnoreCase))
            || !VerifySignature(parts, app.Key))
        {
            return CouldNotDecode;
        }

        if (!claims.TryGetProperty("iss", out var iss)
            || iss.ValueKind is not (JsonValueKind.String or JsonValueKind.Number)
            || (iss.ToString() != app.AppId.ToString(System.Globalization.CultureInfo.InvariantCulture) && iss.ToString() != app.ClientId))
        {
            return CouldNotDecode;
        }

        var nowSeconds = now.ToUnixTimeSeconds();
        if (Seconds(claims, "iat") is not { } iat || iat > nowSeconds + (long)ClockSkew.TotalSeconds)
        {
            return IssuedAt;
        }

        if (Seconds(claims, "exp") is not { } exp || exp <= nowSeconds)
        {
            return Expired;
        }

        return exp - iat > MaxLifetimeSeconds ? TooFarAhead : null;
    }

    private static JsonDocument? Decode(string part)
    {
        try
        {
            return JsonDocument.Parse(Base64Url.DecodeFromChars(part));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    private static bool VerifySignature(string[] parts, RSA key)
    {
        byte[] signature;
        try
        {
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (FormatException)
        {
            return false;
        }

        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        return key.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private static long? Seconds(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.TryGetInt64(out var whole) ? whole : (long)Math.Floor(value.GetDouble())
            : null;
}
