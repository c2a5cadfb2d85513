using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentBot.Testing.FakeGitHub;

/// <summary>
/// Typed reads of request fields with GitHub's schema errors: a wrong type or a missing required field is a 422
/// "Invalid request." naming the property, so a client bug shows up as it would against GitHub. JSON null counts as absent.
/// </summary>
internal static class JsonFields
{
    public static bool Has(this JsonObject body, string name) => body.TryGetPropertyValue(name, out var value) && value is not null;

    public static string? OptionalString(this JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        var other => throw WrongType(name, other, "a string"),
    };

    public static string RequiredString(this JsonObject body, string name) =>
        body.OptionalString(name) ?? throw Missing(name);

    public static int? OptionalInt(this JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var number) => number,
        var other => throw WrongType(name, other, "an integer"),
    };

    public static bool? OptionalBool(this JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        var other => throw WrongType(name, other, "a boolean"),
    };

    public static JsonArray? OptionalArray(this JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonArray array => array,
        var other => throw WrongType(name, other, "an array"),
    };

    public static JsonObject? OptionalObject(this JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonObject value => value,
        var other => throw WrongType(name, other, "an object"),
    };

    public static DateTimeOffset? OptionalTime(this JsonObject body, string name) =>
        body.OptionalString(name) is not { } text
            ? null
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? time
                : throw GitHubError.InvalidRequest($"For 'properties/{name}', \"{text}\" is not a date-time.");

    public static IReadOnlyList<string> Strings(this JsonArray array, string name) =>
        [.. array.Select(item => item is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw WrongType(name + "/items", item, "a string"))];

    public static IEnumerable<JsonObject> Objects(this JsonArray array, string name) =>
        array.Select(item => item as JsonObject ?? throw WrongType(name + "/items", item, "an object"));

    public static GitHubError Missing(string name) => GitHubError.InvalidRequest($"\"{name}\" wasn't supplied.");

    private static GitHubError WrongType(string name, JsonNode? value, string expected) =>
        GitHubError.InvalidRequest($"For 'properties/{name}', {value?.ToJsonString() ?? "nil"} is not {expected}.");
}
