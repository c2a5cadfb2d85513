using AgentBot.GitHub;
using AgentBot.GitHub.Models;

namespace AgentBot.Workflows.Review;

/// <summary>Posts a reviewer's answer as one pull-request review, without repeating findings posted on earlier pushes.</summary>
public static class ReviewPoster
{
    public static async Task<ReviewPosting> PostAsync(
        GitHubClient client,
        string owner,
        string repo,
        int number,
        ReviewAnswer answer,
        string runMarker,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(answer);

        var pull = await client.PullRequests.GetAsync(owner, repo, number, cancellationToken);
        var files = new List<PullRequestFile>();
        await foreach (var file in client.PullRequests.ListFilesAsync(owner, repo, number, cancellationToken))
        {
            files.Add(file);
        }

        // What the bot said before: its inline comments carry their finding's fingerprint, and every review body
        // repeats the fingerprints of all its findings (so a finding whose comment a human deleted stays said).
        var posted = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var review in client.PullRequests.ListReviewsAsync(owner, repo, number, cancellationToken))
        {
            if (review.User?.IsBot == true)
            {
                posted.UnionWith(FindingMarker.Extract(review.Body));
            }
        }

        await foreach (var comment in client.PullRequests.ListReviewCommentsAsync(owner, repo, number, cancellationToken))
        {
            if (comment.User?.IsBot == true)
            {
                posted.UnionWith(FindingMarker.Extract(comment.Body));
            }
        }

        var plan = ReviewPlan.Build(answer, files, posted, runMarker);
        // Pinned to the head whose files were read, so the lines checked are the lines GitHub resolves.
        var created = await client.PullRequests.CreateReviewAsync(owner, repo, number, plan.Request with { CommitId = pull.Head.Sha }, cancellationToken);
        return new ReviewPosting(created.Id, created.HtmlUrl, plan.Request.Event, plan.Verdict, plan.Inline, plan.Folded, plan.Duplicates, plan.Skipped);
    }
}
