using AgentBot.GitHub.Api;
using AgentBot.GitHub.Auth;
using AgentBot.GitHub.Http;

namespace AgentBot.GitHub;

/// <summary>The GitHub REST calls AgentBot makes, as one installation of the app.</summary>
public sealed class GitHubClient(GitHubConnection connection, GitHubAuth auth)
{
    public RepositoriesApi Repositories { get; } = new(connection, auth);

    public GitDataApi Git { get; } = new(connection, auth);

    public IssuesApi Issues { get; } = new(connection, auth);

    public PullRequestsApi PullRequests { get; } = new(connection, auth);

    public ChecksApi Checks { get; } = new(connection, auth);
}

/// <summary>Hands out a client per installation; tokens are shared and cached by <see cref="InstallationTokenProvider"/>.</summary>
public sealed class GitHubClientFactory(GitHubConnection connection, InstallationTokenProvider tokens)
{
    public GitHubClient ForInstallation(long installationId) => new(connection, GitHubAuth.Installation(installationId, tokens));
}
