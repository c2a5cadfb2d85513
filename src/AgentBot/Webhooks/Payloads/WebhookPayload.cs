using System.Text.Json;

namespace AgentBot.Webhooks.Payloads;

/// <summary>Reads a stored delivery into its typed event; null for events the app does not use.</summary>
public static class WebhookPayload
{
    /// <summary>The events and actions AgentBot acts on; everything else is stored as ignored.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>?> Used { get; } = new Dictionary<string, IReadOnlySet<string>?>(StringComparer.Ordinal)
    {
        ["issues"] = new HashSet<string> { "opened", "labeled" },
        ["issue_comment"] = new HashSet<string> { "created" },
        ["pull_request"] = new HashSet<string> { "opened", "reopened", "synchronize", "ready_for_review", "closed", "labeled" },
        ["pull_request_review"] = new HashSet<string> { "submitted" },
        ["check_run"] = new HashSet<string> { "requested_action", "rerequested" },
        ["push"] = null,
        ["installation"] = null,
        ["installation_repositories"] = null,
    };

    /// <summary>Why a delivery is not used, or null when it is.</summary>
    public static string? WhyIgnored(string eventName, string? action)
    {
        if (!Used.TryGetValue(eventName, out var actions))
        {
            return $"event '{eventName}' is not used";
        }

        return actions is null || (action is not null && actions.Contains(action))
            ? null
            : $"action '{action ?? "(none)"}' of '{eventName}' is not used";
    }

    public static WebhookEvent? Parse(string eventName, string json)
    {
        var context = WebhookJsonContext.Default;
        return eventName switch
        {
            "issues" => JsonSerializer.Deserialize(json, context.IssuesEvent),
            "issue_comment" => JsonSerializer.Deserialize(json, context.IssueCommentEvent),
            "pull_request" => JsonSerializer.Deserialize(json, context.PullRequestEvent),
            "pull_request_review" => JsonSerializer.Deserialize(json, context.PullRequestReviewEvent),
            "check_run" => JsonSerializer.Deserialize(json, context.CheckRunEvent),
            "push" => JsonSerializer.Deserialize(json, context.PushEvent),
            "installation" => JsonSerializer.Deserialize(json, context.InstallationEvent),
            "installation_repositories" => JsonSerializer.Deserialize(json, context.InstallationRepositoriesEvent),
            _ => null,
        };
    }
}
