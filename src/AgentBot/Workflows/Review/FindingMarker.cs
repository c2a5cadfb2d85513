using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace AgentBot.Workflows.Review;

/// <summary>
/// The stable identity of a finding, and the hidden HTML comment that carries it in what the bot posts, so the
/// next push's review can tell which findings it already made (design section 4, "Quiet and honest").
/// </summary>
public static partial class FindingMarker
{
    /// <summary>
    /// SHA-256 over the path and the normalised text (lower-case, whitespace collapsed, digits kept), first 16 hex
    /// characters. Line numbers stay out: they shift on every push while the finding stays the same.
    /// </summary>
    public static string Fingerprint(string? path, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var normalised = Whitespace().Replace(body.ToLowerInvariant(), " ").Trim();
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{NormalisePath(path)}\n{normalised}"));
        return Convert.ToHexStringLower(hash)[..16];
    }

    public static string Format(string fingerprint) => $"<!-- agentbot:finding:{fingerprint} -->";

    /// <summary>Every fingerprint marked in <paramref name="text"/>.</summary>
    public static IEnumerable<string> Extract(string? text) =>
        text is null ? [] : Marker().Matches(text).Select(m => m.Groups["fingerprint"].Value);

    /// <summary>The path as the pull request's file list spells it; models write "./src/a.cs" or "/src/a.cs" too.</summary>
    public static string NormalisePath(string? path)
    {
        var trimmed = (path ?? string.Empty).Trim().Replace('\\', '/');
        while (trimmed.StartsWith("./", StringComparison.Ordinal))
        {
            trimmed = trimmed[2..];
        }

        return trimmed.TrimStart('/');
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"<!-- agentbot:finding:(?<fingerprint>[0-9a-f]{16}) -->")]
    private static partial Regex Marker();
}
