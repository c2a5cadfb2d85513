using System.Text.Json;

namespace AgentBot.GitHub.Http;

/// <summary>GitHub's error body: <c>message</c>, <c>documentation_url</c> and <c>errors</c> (objects, or strings for reviews).</summary>
internal static class GitHubError
{
    public static (string Message, string? DocumentationUrl, IReadOnlyList<string> Errors) Parse(string body, string fallback)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (fallback, null, []);
            }

            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : fallback;
            var documentation = root.TryGetProperty("documentation_url", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            var errors = new List<string>();
            if (root.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var error in list.EnumerateArray())
                {
                    errors.Add(error.ValueKind switch
                    {
                        JsonValueKind.String => error.GetString()!,
                        JsonValueKind.Object when error.TryGetProperty("message", out var em) && em.ValueKind == JsonValueKind.String => em.GetString()!,
                        JsonValueKind.Object => string.Join(" ", new[] { "resource", "field", "code" }
                            .Where(k => error.TryGetProperty(k, out var v) && v.ValueKind == JsonValueKind.String)
                            .Select(k => $"{k}={error.GetProperty(k).GetString()}")),
                        _ => error.GetRawText(),
                    });
                }
            }

            return (message, documentation, errors);
        }
        catch (JsonException)
        {
            // A proxy's HTML error page: its text is noise, the status says enough.
            return (fallback, null, []);
        }
    }
}
