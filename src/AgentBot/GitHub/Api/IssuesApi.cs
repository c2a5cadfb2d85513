using AgentBot.GitHub.Http;
using AgentBot.GitHub.Models;
using static AgentBot.GitHub.Api.GitHubPath;

namespace AgentBot.GitHub.Api;

/// <summary>Issues (pull requests are issues too here): comments, reactions and labels.</summary>
public sealed class IssuesApi(GitHubConnection connection, GitHubAuth auth)
{
    private static readonly GitHubJsonContext Json = GitHubJsonContext.Default;

    public Task<Issue> GetAsync(string owner, string repo, int number, CancellationToken cancellationToken = default) =>
        connection.SendAsync(auth, HttpMethod.Get, $"{Repo(owner, repo)}/issues/{number}", Json.Issue, cancellationToken);

    public Task<Issue> CreateAsync(string owner, string repo, string title, string body, IReadOnlyList<string>? labels = null, CancellationToken cancellationToken = default) =>
        connection.SendAsync(auth, HttpMethod.Post, $"{Repo(owner, repo)}/issues",
            new CreateIssueRequest(title, GitHubText.Limit(body), labels is { Count: > 0 } ? labels : null), Json.CreateIssueRequest, Json.Issue, cancellationToken);

    public IAsyncEnumerable<IssueComment> ListCommentsAsync(string owner, string repo, int number, CancellationToken cancellationToken = default) =>
        connection.PaginateAsync(auth, $"{Repo(owner, repo)}/issues/{number}/comments", Json.ListIssueComment, cancellationToken);

    public Task<IssueComment> CreateCommentAsync(string owner, string repo, int number, string body, CancellationToken cancellationToken = default) =>
        connection.SendAsync(auth, HttpMethod.Post, $"{Repo(owner, repo)}/issues/{number}/comments",
            new CommentRequest(GitHubText.Limit(body)), Json.CommentRequest, Json.IssueComment, cancellationToken);

    public Task<IssueComment> UpdateCommentAsync(string owner, string repo, long commentId, string body, CancellationToken cancellationToken = default) =>
        connection.SendAsync(auth, HttpMethod.Patch, $"{Repo(owner, repo)}/issues/comments/{commentId}",
            new CommentRequest(GitHubText.Limit(body)), Json.CommentRequest, Json.IssueComment, cancellationToken);

    /// <summary>
    /// The first comment carrying a hidden marker such as <c>&lt;!-- agentbot:run:42 --&gt;</c>, written by a bot.
    /// A human pasting the marker into their own comment must not be able to take over the sticky comment.
    /// </summary>
    public async Task<IssueComment?> FindCommentAsync(string owner, string repo, int number, string marker, long? appId = null, CancellationToken cancellationToken = default)
    {
        await foreach (var comment in ListCommentsAsync(owner, repo, number, cancellationToken))
        {
            var ours = appId is { } id ? comment.PerformedViaGitHubApp?.Id == id || (comment.PerformedViaGitHubApp is null && comment.User.IsBot) : comment.User.IsBot;
            if (ours && comment.Body?.Contains(marker, StringComparison.Ordinal) == true)
            {
                return comment;
            }
        }

        return null;
    }

    public Task<Reaction> ReactAsync(string owner, string repo, int number, string content, CancellationToken cancellationToken = default) =>
        connection.SendAsync(auth, HttpMethod.Post, $"{Repo(owner, repo)}/issues/{number}/reactions",
            new ReactionRequest(content), Json.ReactionRequest, Json.Reaction, cancellationToken);

    public Task<Reaction> ReactToCommentAsync(string owner, string repo, long commentId, string content, CancellationToken cancellationToken = default) =>
        connection.SendAsync(auth, HttpMethod.Post, $"{Repo(owner, repo)}/issues/comments/{commentId}/reactions",
            new ReactionRequest(content), Json.ReactionRequest, Json.Reaction, cancellationToken);

    /// <summary>Adds labels; answers the issue's labels afterwards.</summary>
    public Task<List<Label>> AddLabelsAsync(string owner, string repo, int number, IReadOnlyList<string> labels, CancellationToken cancellationToken = default) =>
        connection.SendAsync(auth, HttpMethod.Post, $"{Repo(owner, repo)}/issues/{number}/labels",
            new LabelsRequest(labels), Json.LabelsRequest, Json.ListLabel, cancellationToken);

    /// <summary>Removes a label; a label that is not there is not an error.</summary>
    public async Task RemoveLabelAsync(string owner, string repo, int number, string label, CancellationToken cancellationToken = default)
    {
        try
        {
            await connection.SendAsync(auth, HttpMethod.Delete, $"{Repo(owner, repo)}/issues/{number}/labels/{Segment(label)}", cancellationToken);
        }
        catch (GitHubApiException ex) when (ex.IsNotFound)
        {
        }
    }
}
