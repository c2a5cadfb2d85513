using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentBot.Testing.FakeGitHub.Routes;

/// <summary>Routes authenticated with the app's JWT: the app itself, and installation tokens.</summary>
internal static class AppRoutes
{
    public static void Map(IEndpointRouteBuilder routes, FakeGitHubServer server)
    {
        routes.MapGet("/app", (HttpContext context) =>
        {
            RequireJwt(context, server);
            return GitHubResponse.Ok(AppJson(server));
        });

        routes.MapPost("/app/installations/{installationId:long}/access_tokens", (HttpContext context, long installationId) =>
        {
            RequireJwt(context, server);
            if (!server.Tokens.HasInstallation(installationId))
            {
                throw GitHubError.NotFound(Docs.AccessToken);
            }

            var (token, expiresAt) = server.Tokens.Issue(installationId, server.Time.GetUtcNow());
            return GitHubResponse.Created(new JsonObject
            {
                ["token"] = token,
                ["expires_at"] = GitHubJson.Time(expiresAt),
                ["permissions"] = Permissions(),
                ["repository_selection"] = "all",
            });
        });
    }

    private static void RequireJwt(HttpContext context, FakeGitHubServer server)
    {
        if (AppJwt.Validate(context.Request.Headers.Authorization.ToString(), server.App, server.Time.GetUtcNow()) is { } problem)
        {
            throw GitHubError.Unauthorized(problem, Docs.AccessToken);
        }
    }

    // What AgentBot's app manifest asks for (app.yml).
    private static JsonObject Permissions() => new()
    {
        ["checks"] = "write",
        ["contents"] = "write",
        ["issues"] = "write",
        ["metadata"] = "read",
        ["pull_requests"] = "write",
    };

    public static JsonObject AppJson(FakeGitHubServer server) => new()
    {
        ["id"] = server.App.AppId,
        ["slug"] = server.App.Slug,
        ["node_id"] = GitHubJson.NodeId("A", server.App.AppId),
        ["client_id"] = server.App.ClientId,
        ["name"] = server.App.Name,
        ["html_url"] = $"{GitHubJson.WebUrl}apps/{server.App.Slug}",
        ["permissions"] = Permissions(),
        ["events"] = new JsonArray("check_run", "issue_comment", "issues", "pull_request", "pull_request_review"),
    };
}
