namespace AgentBot.Testing.FakeGitHub;

/// <summary>The documentation_url values GitHub puts in its error bodies.</summary>
internal static class Docs
{
    public const string Rest = "https://docs.github.com/rest";
    public const string AccessToken = "https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app";
    public const string RateLimits = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api";
    public const string SecondaryRateLimits = "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits";
    public const string Repository = "https://docs.github.com/rest/repos/repos#get-a-repository";
    public const string Contents = "https://docs.github.com/rest/repos/contents#get-repository-content";
    public const string Collaborators = "https://docs.github.com/rest/collaborators/collaborators#get-repository-permissions-for-a-user";
    public const string Blobs = "https://docs.github.com/rest/git/blobs";
    public const string Trees = "https://docs.github.com/rest/git/trees";
    public const string Commits = "https://docs.github.com/rest/git/commits";
    public const string Refs = "https://docs.github.com/rest/git/refs";
    public const string Compare = "https://docs.github.com/rest/commits/commits#compare-two-commits";
    public const string Branches = "https://docs.github.com/rest/branches/branches#get-a-branch";
    public const string Issues = "https://docs.github.com/rest/issues/issues";
    public const string Comments = "https://docs.github.com/rest/issues/comments";
    public const string Reactions = "https://docs.github.com/rest/reactions/reactions";
    public const string Labels = "https://docs.github.com/rest/issues/labels";
    public const string Pulls = "https://docs.github.com/rest/pulls/pulls";
    public const string Reviews = "https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request";
    public const string CheckRuns = "https://docs.github.com/rest/checks/runs";
    public const string GraphQl = "https://docs.github.com/graphql";
}
