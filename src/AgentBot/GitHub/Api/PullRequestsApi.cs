using AgentBot.GitHub.Http;
using AgentBot.GitHub.Models;
using static AgentBot.GitHub.Api.GitHubPath;

namespace AgentBot.GitHub.Api;

/// <summary>Pull requests, their changed files and reviews.</summary>
public sealed class PullRequestsApi(GitHubConnection connection, GitHubAuth auth)
{
    private const string MarkReadyMutation =
        "mutation($id: ID!) { markPullRequestReadyForReview(input: {pullRequestId: $id}) { pullRequest { isDraft } } }";

    private static readonly GitHubJsonContext Json = GitHubJsonContext.Default;

    public Task<PullRequest> GetAsync(string owner, string repo, int number, CancellationToken cancellationToken = default) =>
        connection.SendAsync(auth, HttpMethod.Get, $"{Repo(owner, repo)}/pulls/{number}", Json.PullRequest, cancellationToken);

    /// <summary>Changed files with their patches, every page (GitHub lists at most 3,000 files).</summary>
    public IAsyncEnumerable<PullRequestFile> ListFilesAsync(string owner, string repo, int number, CancellationToken cancellationToken = default) =>
        connection.PaginateAsync(auth, $"{Repo(owner, repo)}/pulls/{number}/files", Json.ListPullRequestFile, cancellationToken);

    public Task<PullRequest> CreateAsync(string owner, string repo, CreatePullRequestRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAsync(auth, HttpMethod.Post, $"{Repo(owner, repo)}/pulls",
            request with { Body = GitHubText.Limit(request.Body) }, Json.CreatePullRequestRequest, Json.PullRequest, cancellationToken);

    /// <summary>Draft → ready for review. REST has no such call; GraphQL's mutation takes the node id.</summary>
    public async Task MarkReadyForReviewAsync(PullRequest pullRequest, CancellationToken cancellationToken = default)
    {
        var response = await connection.SendAsync(auth, HttpMethod.Post, GraphQlPath(connection.BaseUrl),
            new GraphQlRequest(MarkReadyMutation, new Dictionary<string, string> { ["id"] = pullRequest.NodeId }),
            Json.GraphQlRequest, Json.MarkReadyResponse, cancellationToken);
        if (response.Errors is { Count: > 0 } errors)
        {
            throw new GitHubApiException(System.Net.HttpStatusCode.OK, "POST", "graphql markPullRequestReadyForReview",
                errors[0].Message, null, null, [.. errors.Select(e => e.Message)]);
        }
    }

    public Task<Review> CreateReviewAsync(string owner, string repo, int number, CreateReviewRequest review, CancellationToken cancellationToken = default) =>
        connection.SendAsync(auth, HttpMethod.Post, $"{Repo(owner, repo)}/pulls/{number}/reviews",
            review with { Body = review.Body is null ? null : GitHubText.Limit(review.Body) }, Json.CreateReviewRequest, Json.Review, cancellationToken);

    public IAsyncEnumerable<Review> ListReviewsAsync(string owner, string repo, int number, CancellationToken cancellationToken = default) =>
        connection.PaginateAsync(auth, $"{Repo(owner, repo)}/pulls/{number}/reviews", Json.ListReview, cancellationToken);

    /// <summary>Every inline review comment of a pull request, replies included, every page.</summary>
    public IAsyncEnumerable<ReviewThreadComment> ListReviewCommentsAsync(string owner, string repo, int number, CancellationToken cancellationToken = default) =>
        connection.PaginateAsync(auth, $"{Repo(owner, repo)}/pulls/{number}/comments", Json.ListReviewThreadComment, cancellationToken);

    /// <summary>
    /// GraphQL lives at <c>/graphql</c> on api.github.com but at <c>/api/graphql</c> on GitHub Enterprise Server,
    /// whose REST base is <c>/api/v3</c>. Relative to the REST base either way.
    /// </summary>
    internal static string GraphQlPath(Uri restBase) =>
        restBase.AbsolutePath.TrimEnd('/').EndsWith("/api/v3", StringComparison.OrdinalIgnoreCase) ? "../graphql" : "graphql";
}
