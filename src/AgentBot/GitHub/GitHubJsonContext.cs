using System.Text.Json.Serialization;
using AgentBot.GitHub.Models;

namespace AgentBot.GitHub;

/// <summary>Source-generated JSON for every GitHub payload the client sends or reads (snake_case, nulls not sent).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(AccessTokenResponse))]
[JsonSerializable(typeof(Repository))]
[JsonSerializable(typeof(ContentItem))]
[JsonSerializable(typeof(List<ContentItem>))]
[JsonSerializable(typeof(GitTree))]
[JsonSerializable(typeof(GitBlob))]
[JsonSerializable(typeof(CreateBlobRequest))]
[JsonSerializable(typeof(CreatedObject))]
[JsonSerializable(typeof(CreateTreeRequest))]
[JsonSerializable(typeof(CreateCommitRequest))]
[JsonSerializable(typeof(GitCommit))]
[JsonSerializable(typeof(GitReference))]
[JsonSerializable(typeof(CreateReferenceRequest))]
[JsonSerializable(typeof(UpdateReferenceRequest))]
[JsonSerializable(typeof(Comparison))]
[JsonSerializable(typeof(Issue))]
[JsonSerializable(typeof(IssueComment))]
[JsonSerializable(typeof(List<IssueComment>))]
[JsonSerializable(typeof(CommentRequest))]
[JsonSerializable(typeof(CreateIssueRequest))]
[JsonSerializable(typeof(Reaction))]
[JsonSerializable(typeof(ReactionRequest))]
[JsonSerializable(typeof(LabelsRequest))]
[JsonSerializable(typeof(List<Label>))]
[JsonSerializable(typeof(CollaboratorPermission))]
[JsonSerializable(typeof(PullRequest))]
[JsonSerializable(typeof(List<PullRequestFile>))]
[JsonSerializable(typeof(CreatePullRequestRequest))]
[JsonSerializable(typeof(GraphQlRequest))]
[JsonSerializable(typeof(MarkReadyResponse))]
[JsonSerializable(typeof(CreateReviewRequest))]
[JsonSerializable(typeof(Review))]
[JsonSerializable(typeof(List<Review>))]
[JsonSerializable(typeof(List<ReviewThreadComment>))]
[JsonSerializable(typeof(CheckRunRequest))]
[JsonSerializable(typeof(CheckRun))]
public sealed partial class GitHubJsonContext : JsonSerializerContext;
