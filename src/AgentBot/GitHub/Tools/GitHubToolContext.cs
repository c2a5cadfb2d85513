namespace AgentBot.GitHub.Tools;

/// <summary>
/// The one repository, and the issue or pull request, that a run's GitHub tools work on. The tools take no owner or
/// repository argument: a model can read and write only where its run was started.
/// </summary>
/// <param name="Number">The run's issue or pull request; tools default to it when the model names no number.</param>
/// <param name="IsPullRequest">Whether <paramref name="Number"/> is a pull request (reviews and file lists need one).</param>
/// <param name="RunMarker">A hidden marker such as <c>&lt;!-- agentbot:run:42 --&gt;</c>, appended to everything the tools write.</param>
public sealed record GitHubToolContext(GitHubClient Client, string Owner, string Repo, int? Number, bool IsPullRequest, string? RunMarker)
{
    /// <summary>The issue or pull request a call is about: the one the model named, else the run's own.</summary>
    internal bool TryIssueNumber(int? given, out int number, out string error)
    {
        number = given ?? Number ?? 0;
        error = number > 0 ? string.Empty : "this run is not on an issue or pull request; pass 'number'";
        return number > 0;
    }

    /// <summary>Like <see cref="TryIssueNumber"/>, but the run's own number counts only when it is a pull request.</summary>
    internal bool TryPullRequestNumber(int? given, out int number, out string error)
    {
        if (given is null && Number is { } own && !IsPullRequest)
        {
            number = 0;
            error = $"this run is on issue #{own}, not a pull request; pass the pull request's 'number'";
            return false;
        }

        return TryIssueNumber(given, out number, out error);
    }

    /// <summary>The body with the run marker at its end, cut first if need be so that GitHub's length limit never cuts the marker off.</summary>
    internal string Mark(string body)
    {
        if (string.IsNullOrEmpty(RunMarker))
        {
            return Http.GitHubText.Limit(body);
        }

        // A model that copied the marker from an earlier comment gets it once, at the end, where the cut cannot reach it.
        body = body.TrimEnd();
        if (body.EndsWith(RunMarker, StringComparison.Ordinal))
        {
            body = body[..^RunMarker.Length].TrimEnd();
        }

        if (body.Length == 0)
        {
            return RunMarker;
        }

        const string Separator = "\n\n";
        var room = Http.GitHubText.MaxLength - RunMarker.Length - Separator.Length;
        return string.Concat(Http.GitHubText.Limit(body, room), Separator, RunMarker);
    }
}
