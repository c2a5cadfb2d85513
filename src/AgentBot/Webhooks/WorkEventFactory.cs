using AgentBot.Routing;
using AgentBot.Webhooks.Payloads;

namespace AgentBot.Webhooks;

/// <summary>Turns a typed payload into what the router reads. Pure: the caller supplies changed paths and commands.</summary>
public static class WorkEventFactory
{
    public static WorkEvent From(string eventName, WebhookEvent payload, IReadOnlyList<string> changedPaths, AgentCommand? command = null)
    {
        var work = new WorkEvent
        {
            Event = eventName,
            Action = payload.Action,
            Repository = payload.Repository?.FullName ?? string.Empty,
            Sender = payload.Sender?.Login ?? string.Empty,
            SenderIsBot = payload.Sender?.IsBot == true,
            ChangedPaths = changedPaths,
            Command = command,
        };
        return payload switch
        {
            IssuesEvent e => work with { Number = e.Issue.Number, IsPullRequest = e.Issue.PullRequest is not null, Labels = Labels(e.Issue.Labels), AddedLabel = e.Label?.Name },
            IssueCommentEvent e => work with { Number = e.Issue.Number, IsPullRequest = e.Issue.PullRequest is not null, Labels = Labels(e.Issue.Labels) },
            PullRequestEvent e => work with
            {
                Number = e.PullRequest.Number,
                IsPullRequest = true,
                Labels = Labels(e.PullRequest.Labels),
                AddedLabel = e.Label?.Name,
                FromFork = IsFork(e.PullRequest),
            },
            PullRequestReviewEvent e => work with { Number = e.PullRequest.Number, IsPullRequest = true, Labels = Labels(e.PullRequest.Labels), FromFork = IsFork(e.PullRequest) },
            CheckRunEvent e => work with { CheckRunName = e.CheckRun.Name },
            PushEvent e => work with { Branch = e.Branch },
            _ => work,
        };
    }

    /// <summary>A head in another repository (or in a deleted fork) is a fork's code.</summary>
    public static bool IsFork(WebhookPullRequest pull) =>
        pull.Head.Repo is null || !string.Equals(pull.Head.Repo.FullName, pull.Base.Repo?.FullName, StringComparison.OrdinalIgnoreCase);

    private static IReadOnlyList<string> Labels(IReadOnlyList<WebhookLabel>? labels) => [.. (labels ?? []).Select(l => l.Name)];
}
