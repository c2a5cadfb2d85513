using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AgentBot.Testing.FakeGitHub;

/// <summary>A status and a JSON body; the request pipeline adds GitHub's headers and the ETag around it.</summary>
internal sealed class GitHubResponse(int status, JsonNode? body) : IResult
{
    public int Status { get; } = status;

    public static GitHubResponse Ok(JsonNode body) => new(StatusCodes.Status200OK, body);

    public static GitHubResponse Created(JsonNode body) => new(StatusCodes.Status201Created, body);

    public static GitHubResponse NoContent() => new(StatusCodes.Status204NoContent, null);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = Status;
        return body is null
            ? Task.CompletedTask
            : httpContext.Response.WriteAsync(body.ToJsonString(GitHubJson.Options), httpContext.RequestAborted);
    }
}
