using System.Security.Cryptography;
using System.Text;

namespace AgentBot.Webhooks;

/// <summary>
/// <c>X-Hub-Signature-256</c>: <c>sha256=</c> and the hex HMAC-SHA256 of the raw body. Compared in constant
/// time against every configured secret, so secrets can be rotated without dropping deliveries.
/// </summary>
public static class WebhookSignature
{
    private const string Prefix = "sha256=";

    public static bool IsValid(string? header, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets)
    {
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || header.Length != Prefix.Length + 64)
        {
            return false;
        }

        Span<byte> claimed = stackalloc byte[32];
        if (Convert.FromHexString(header.AsSpan(Prefix.Length), claimed, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[32];
        var valid = false;
        foreach (var secret in secrets)
        {
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, actual);
            // No early exit: every secret is tried, so timing does not tell which one matched.
            valid |= CryptographicOperations.FixedTimeEquals(actual, claimed);
        }

        return valid;
    }

    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
