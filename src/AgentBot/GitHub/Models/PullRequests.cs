using System.Text.Json.Serialization;

namespace AgentBot.GitHub.Models;

public sealed record PullRequest(
    long Id,
    string NodeId,
    int Number,
    string State,
    string Title,
    string? Body,
    bool Draft,
    Account User,
    string HtmlUrl,
    PullRequestBranch Head,
    PullRequestBranch Base,
    bool? Merged = null);

public sealed record PullRequestBranch(string Ref, string Sha, string? Label, PullRequestRepository? Repo);

/// <summary>The repository of a head or base; null when a fork was deleted.</summary>
public sealed record PullRequestRepository(long Id, string Name, string FullName, string CloneUrl, bool Fork);

public sealed record PullRequestFile(
    string Filename,
    string Status,
    int Additions,
    int Deletions,
    int Changes,
    string? Sha = null,
    string? Patch = null,
    string? PreviousFilename = null);

public sealed record CreatePullRequestRequest(string Title, string Head, string Base, string Body, bool Draft);

public sealed record GraphQlRequest(string Query, IReadOnlyDictionary<string, string> Variables);

public sealed record MarkReadyResponse(MarkReadyData? Data, IReadOnlyList<GraphQlError>? Errors);

// GraphQL answers in camelCase, unlike REST.
public sealed record MarkReadyData([property: JsonPropertyName("markPullRequestReadyForReview")] MarkReadyPayload? MarkPullRequestReadyForReview);

public sealed record MarkReadyPayload([property: JsonPropertyName("pullRequest")] MarkReadyPullRequest? PullRequest);

public sealed record MarkReadyPullRequest([property: JsonPropertyName("isDraft")] bool IsDraft);

public sealed record GraphQlError(string Message, string? Type = null);

public static class ReviewEvents
{
    public const string Approve = "APPROVE";
    public const string RequestChanges = "REQUEST_CHANGES";
    public const string Comment = "COMMENT";
}

public sealed record CreateReviewRequest(string Event, string? Body, string? CommitId, IReadOnlyList<ReviewComment>? Comments);

/// <summary>An inline comment on a changed line: <c>side</c> RIGHT for the new version, LEFT for the old.</summary>
public sealed record ReviewComment(string Path, int Line, string Body, string Side = "RIGHT", int? StartLine = null, string? StartSide = null);

/// <summary>An inline review comment as GitHub lists it (GET /pulls/{n}/comments); <c>Line</c> is null when the line left the diff.</summary>
public sealed record ReviewThreadComment(long Id, string Path, int? Line, string? Body, Account? User, long? InReplyToId = null, string? Side = null);

public sealed record Review(long Id, Account? User, string? Body, string State, string? HtmlUrl, string? CommitId, DateTimeOffset? SubmittedAt);
