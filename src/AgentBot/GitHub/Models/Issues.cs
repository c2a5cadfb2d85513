using System.Text.Json.Serialization;

namespace AgentBot.GitHub.Models;

public sealed record Label(string Name);

public sealed record Issue(
    long Id,
    int Number,
    string Title,
    string? Body,
    string State,
    Account User,
    IReadOnlyList<Label> Labels,
    string HtmlUrl,
    IssuePullRequestLink? PullRequest = null)
{
    public bool IsPullRequest => PullRequest is not null;
}

public sealed record IssuePullRequestLink(string? Url);

public sealed record IssueComment(
    long Id,
    string? Body,
    Account User,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string HtmlUrl,
    [property: JsonPropertyName("performed_via_github_app")] AppReference? PerformedViaGitHubApp = null);

public sealed record CommentRequest(string Body);

/// <summary>The body of POST /repos/{owner}/{repo}/issues; labels left out when there are none.</summary>
public sealed record CreateIssueRequest(string Title, string Body, IReadOnlyList<string>? Labels = null);

public sealed record Reaction(long Id, string Content, Account? User);

public sealed record ReactionRequest(string Content);

public sealed record LabelsRequest(IReadOnlyList<string> Labels);

/// <summary>Reactions GitHub accepts.</summary>
public static class Reactions
{
    public const string ThumbsUp = "+1";
    public const string ThumbsDown = "-1";
    public const string Laugh = "laugh";
    public const string Confused = "confused";
    public const string Heart = "heart";
    public const string Hooray = "hooray";
    public const string Rocket = "rocket";
    public const string Eyes = "eyes";
}
