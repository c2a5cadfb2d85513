using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentBot.Testing.FakeGitHub;

/// <summary>What the pipeline learnt about a request before its route runs: its log entry, body and installation.</summary>
internal sealed class RequestState(RequestLog.Entry entry, string body)
{
    public RequestLog.Entry Entry { get; } = entry;

    public string Body { get; } = body;

    /// <summary>The installation whose token authenticated the request; null on routes that take no token.</summary>
    public long? InstallationId { get; set; }

    /// <summary>Set by a route that answered but did not understand the request (an unknown GraphQL operation).</summary>
    public bool Unhandled { get; set; }

    public JsonNode? Json()
    {
        if (string.IsNullOrWhiteSpace(Body))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(Body);
        }
        catch (JsonException)
        {
            throw GitHubError.BadJson();
        }
    }

    /// <summary>The body as an object; an empty body is an empty object, anything else is "Problems parsing JSON".</summary>
    public JsonObject Object() => Json() switch
    {
        null => [],
        JsonObject value => value,
        _ => throw GitHubError.BadJson(),
    };
}
