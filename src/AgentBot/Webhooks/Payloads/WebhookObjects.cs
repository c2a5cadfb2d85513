using System.Text.Json.Serialization;

namespace AgentBot.Webhooks.Payloads;

// The parts of GitHub's webhook payloads AgentBot reads; names map by snake_case.
// Optional everywhere GitHub may leave a field out, so an unusual payload never fails to parse.

public sealed record WebhookAccount(string Login, long Id, string? Type)
{
    public bool IsBot => string.Equals(Type, "Bot", StringComparison.Ordinal) || Login.EndsWith("[bot]", StringComparison.Ordinal);
}

public sealed record WebhookApp(long Id, string? Slug);

public sealed record WebhookInstallation(long Id, WebhookAccount? Account = null);

public sealed record WebhookRepository(long Id, string Name, string FullName, WebhookAccount? Owner, string? DefaultBranch, bool Private = false, bool Fork = false)
{
    public string OwnerLogin => Owner?.Login ?? FullName.Split('/')[0];
}

public sealed record WebhookLabel(string Name);

public sealed record WebhookIssue(
    int Number,
    string? Title,
    string? Body,
    WebhookAccount? User,
    IReadOnlyList<WebhookLabel>? Labels,
    string? State,
    WebhookIssuePullRequest? PullRequest = null);

public sealed record WebhookIssuePullRequest(string? Url);

public sealed record WebhookComment(
    long Id,
    string? Body,
    WebhookAccount? User,
    [property: JsonPropertyName("performed_via_github_app")] WebhookApp? PerformedViaGitHubApp = null);

public sealed record WebhookPullRequest(
    int Number,
    string? Title,
    string? Body,
    bool Draft,
    string? State,
    WebhookAccount? User,
    IReadOnlyList<WebhookLabel>? Labels,
    WebhookBranch Head,
    WebhookBranch Base,
    bool? Merged = null);

public sealed record WebhookBranch(string Ref, string Sha, WebhookRepository? Repo);

public sealed record WebhookReview(long Id, string? State, string? Body, WebhookAccount? User, string? CommitId);

public sealed record WebhookCheckRun(long Id, string Name, string HeadSha, string? ExternalId, WebhookApp? App);

public sealed record WebhookRequestedAction(string Identifier);

public sealed record WebhookCommit(string Id, IReadOnlyList<string>? Added, IReadOnlyList<string>? Removed, IReadOnlyList<string>? Modified)
{
    public IEnumerable<string> Paths => (Added ?? []).Concat(Removed ?? []).Concat(Modified ?? []);
}

public sealed record WebhookRepositoryReference(string FullName);
