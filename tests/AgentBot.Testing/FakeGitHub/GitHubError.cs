using System.Text.Json.Nodes;

namespace AgentBot.Testing.FakeGitHub;

/// <summary>
/// An error answer, thrown from deep inside a route (a missing repository, a failed validation) and turned into
/// GitHub's error body by the request pipeline, so handlers read as the happy path.
/// </summary>
#pragma warning disable CA1032, CA1064 // Internal control flow for the fake, never seen outside it.
internal sealed class GitHubError(int status, JsonObject body) : Exception(body["message"]?.ToString())
#pragma warning restore CA1032, CA1064
{
    public int Status { get; } = status;

    public JsonObject Body { get; } = body;

    public static GitHubError NotFound(string documentationUrl = Docs.Rest, string message = "Not Found") =>
        new(404, GitHubJson.Error(message, documentationUrl, 404));

    public static GitHubError Unauthorized(string message, string documentationUrl = Docs.Rest) =>
        new(401, GitHubJson.Error(message, documentationUrl, 401));

    public static GitHubError BadJson() => new(400, GitHubJson.Error("Problems parsing JSON", Docs.Rest, 400));

    /// <summary>A bare 422, as git data endpoints send: {"message": "Reference already exists"}.</summary>
    public static GitHubError Unprocessable(string message, string documentationUrl = Docs.Rest, JsonArray? errors = null) =>
        new(422, GitHubJson.Error(message, documentationUrl, 422, errors));

    /// <summary>A schema failure: "Invalid request.\n\n..." (what GitHub says for wrong types, missing fields and lengths).</summary>
    public static GitHubError InvalidRequest(string detail, string documentationUrl = Docs.Rest) =>
        Unprocessable($"Invalid request.\n\n{detail}", documentationUrl);

    /// <summary>"Validation Failed" with one error object, as the issues and pulls endpoints send.</summary>
    public static GitHubError Validation(string resource, string code, string? field, string? message = null, string documentationUrl = Docs.Rest)
    {
        var error = new JsonObject { ["resource"] = resource, ["code"] = code };
        if (field is not null)
        {
            error["field"] = field;
        }

        if (message is not null)
        {
            error["message"] = message;
        }

        return Unprocessable("Validation Failed", documentationUrl, [error]);
    }

    /// <summary>"Unprocessable Entity" with plain strings in errors, as the reviews endpoint sends.</summary>
    public static GitHubError UnprocessableEntity(string error, string documentationUrl = Docs.Rest) =>
        Unprocessable("Unprocessable Entity", documentationUrl, [error]);
}
