namespace AgentBot.Webhooks.Payloads;

// One record per event the app uses. Every event carries action (most), sender, repository and installation.

public abstract record WebhookEvent
{
    public string? Action { get; init; }

    public WebhookAccount? Sender { get; init; }

    public WebhookRepository? Repository { get; init; }

    public WebhookInstallation? Installation { get; init; }
}

public sealed record IssuesEvent(WebhookIssue Issue, WebhookLabel? Label = null) : WebhookEvent;

public sealed record IssueCommentEvent(WebhookIssue Issue, WebhookComment Comment) : WebhookEvent;

public sealed record PullRequestEvent(int Number, WebhookPullRequest PullRequest, WebhookLabel? Label = null) : WebhookEvent;

public sealed record PullRequestReviewEvent(WebhookReview Review, WebhookPullRequest PullRequest) : WebhookEvent;

public sealed record CheckRunEvent(WebhookCheckRun CheckRun, WebhookRequestedAction? RequestedAction = null) : WebhookEvent;

public sealed record PushEvent(string Ref, string? Before, string? After, IReadOnlyList<WebhookCommit>? Commits, bool Deleted = false) : WebhookEvent
{
    public string? Branch => Ref.StartsWith("refs/heads/", StringComparison.Ordinal) ? Ref["refs/heads/".Length..] : null;
}

public sealed record InstallationEvent(IReadOnlyList<WebhookRepositoryReference>? Repositories = null) : WebhookEvent;

public sealed record InstallationRepositoriesEvent(
    IReadOnlyList<WebhookRepositoryReference>? RepositoriesAdded = null,
    IReadOnlyList<WebhookRepositoryReference>? RepositoriesRemoved = null) : WebhookEvent;
