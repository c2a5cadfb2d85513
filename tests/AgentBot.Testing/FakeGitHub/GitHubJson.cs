using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentBot.Testing.FakeGitHub;

/// <summary>Wire conventions shared by every route: dates, base64 content, node ids, users and error bodies.</summary>
internal static class GitHubJson
{
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>html_url values point at github.com, as they would for a client talking to api.github.com.</summary>
    public const string WebUrl = "https://github.com/";

    // GitHub sends non-ASCII text (emoji reactions, names) as UTF-8, not as \u escapes.
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static JsonNode? Time(DateTimeOffset? time) => time is { } value ? Time(value) : null;

    /// <summary>Base64 as the contents and blobs APIs send it: a "\n" after every 60 characters and after the last line.</summary>
    public static string Base64Lines(byte[] bytes)
    {
        var base64 = Convert.ToBase64String(bytes);
        return string.Concat(base64.Chunk(60).Select(chunk => new string(chunk) + "\n"));
    }

    /// <summary>A node id of GitHub's new format ("PR_kwDO…"); only its uniqueness matters to clients.</summary>
    public static string NodeId(string prefix, long id)
    {
        var bytes = BitConverter.GetBytes(id);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(bytes);
        }

        return prefix + "_kwDO" + System.Buffers.Text.Base64Url.EncodeToString(bytes);
    }

    public static JsonObject Error(string message, string documentationUrl, int status, JsonArray? errors = null)
    {
        var body = new JsonObject { ["message"] = message, ["documentation_url"] = documentationUrl };
        if (errors is not null)
        {
            body["errors"] = errors;
        }

        body["status"] = status.ToString(CultureInfo.InvariantCulture);
        return body;
    }

    public static JsonObject User(FakeUser user, Uri apiUrl)
    {
        var htmlUrl = user.IsBot ? $"{WebUrl}apps/{user.Login.Replace("[bot]", string.Empty, StringComparison.Ordinal)}" : WebUrl + user.Login;
        return new JsonObject
        {
            ["login"] = user.Login,
            ["id"] = user.Id,
            ["node_id"] = NodeId(user.IsBot ? "BOT" : "U", user.Id),
            ["avatar_url"] = $"https://avatars.githubusercontent.com/u/{user.Id}?v=4",
            ["url"] = $"{apiUrl}users/{Uri.EscapeDataString(user.Login)}",
            ["html_url"] = htmlUrl,
            ["type"] = user.Type,
            ["site_admin"] = false,
        };
    }
}
