using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentBot.Testing.FakeGitHub.Routes;

/// <summary>
/// The GraphQL endpoint, for the two mutations REST lacks: marking a draft ready for review and back. GraphQL answers
/// 200 even for errors, with an "errors" array; any other operation is answered that way and flagged unhandled.
/// </summary>
internal static partial class GraphQlRoutes
{
    private static readonly string[] Operations = ["markPullRequestReadyForReview", "convertPullRequestToDraft"];

    public static void Map(IEndpointRouteBuilder routes, FakeGitHubServer server)
    {
        routes.MapPost("/graphql", (HttpContext context) =>
        {
            var state = context.Fake();
            var body = state.Object();
            var query = body.OptionalString("query");
            var operation = Operations.FirstOrDefault(o => query?.Contains(o, StringComparison.Ordinal) == true);
            if (operation is null)
            {
                state.Unhandled = true;
                return GitHubResponse.Ok(Errors(new JsonObject { ["message"] = "The fake GitHub implements only markPullRequestReadyForReview and convertPullRequestToDraft." }));
            }

            var id = NodeId(body.OptionalObject("variables"), query!);
            lock (server.Gate)
            {
                var found = server.Repositories
                    .SelectMany(r => r.PullsByNumber.Values.Select(p => (Repository: r, Pull: p)))
                    .FirstOrDefault(x => x.Pull.NodeId == id);
                if (found.Pull is null)
                {
                    return GitHubResponse.Ok(Errors(new JsonObject
                    {
                        ["type"] = "NOT_FOUND",
                        ["path"] = new JsonArray(operation),
                        ["locations"] = new JsonArray(new JsonObject { ["line"] = 1, ["column"] = 1 }),
                        ["message"] = $"Could not resolve to a node with the global id of '{id}'",
                    }));
                }

                var pull = found.Pull with { Draft = operation == "convertPullRequestToDraft" };
                found.Repository.PullsByNumber[pull.Number] = pull;
                return GitHubResponse.Ok(new JsonObject
                {
                    ["data"] = new JsonObject
                    {
                        [operation] = new JsonObject
                        {
                            ["pullRequest"] = new JsonObject { ["id"] = pull.NodeId, ["number"] = pull.Number, ["isDraft"] = pull.Draft },
                        },
                    },
                });
            }
        });
    }

    private static JsonObject Errors(JsonObject error) => new() { ["data"] = null, ["errors"] = new JsonArray(error) };

    // The id may come as $id, $pullRequestId, $input.pullRequestId, or inline in the query.
    private static string? NodeId(JsonObject? variables, string query)
    {
        foreach (var name in (string[])["id", "pullRequestId"])
        {
            if (variables?.OptionalString(name) is { } id)
            {
                return id;
            }
        }

        if (variables?.OptionalObject("input")?.OptionalString("pullRequestId") is { } inputId)
        {
            return inputId;
        }

        return InlineId().Match(query) is { Success: true } match ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("pullRequestId:\\s*\"([^\"]+)\"")]
    private static partial Regex InlineId();
}
