using AgentBot.GitHub.Http;
using AgentBot.GitHub.Models;
using static AgentBot.GitHub.Api.GitHubPath;

namespace AgentBot.GitHub.Api;

/// <summary>Check runs. GitHub takes at most 50 annotations a request; the rest follow in updates.</summary>
public sealed class ChecksApi(GitHubConnection connection, GitHubAuth auth)
{
    public const int AnnotationsPerRequest = 50;

    private static readonly GitHubJsonContext Json = GitHubJsonContext.Default;

    public async Task<CheckRun> CreateAsync(string owner, string repo, CheckRunRequest request, CancellationToken cancellationToken = default)
    {
        var (first, remaining) = Split(Limit(request));
        var run = await connection.SendAsync(auth, HttpMethod.Post, $"{Repo(owner, repo)}/check-runs", first, Json.CheckRunRequest, Json.CheckRun, cancellationToken);
        return await SendRemainingAsync(owner, repo, run, first.Output!, remaining, cancellationToken);
    }

    public async Task<CheckRun> UpdateAsync(string owner, string repo, long checkRunId, CheckRunRequest request, CancellationToken cancellationToken = default)
    {
        var (first, remaining) = Split(Limit(request));
        var run = await connection.SendAsync(auth, HttpMethod.Patch, $"{Repo(owner, repo)}/check-runs/{checkRunId}", first, Json.CheckRunRequest, Json.CheckRun, cancellationToken);
        return await SendRemainingAsync(owner, repo, run, first.Output!, remaining, cancellationToken);
    }

    private async Task<CheckRun> SendRemainingAsync(
        string owner, string repo, CheckRun run, CheckRunOutput output, IReadOnlyList<CheckAnnotation> remaining, CancellationToken cancellationToken)
    {
        foreach (var batch in remaining.Chunk(AnnotationsPerRequest))
        {
            // An update with output needs its title and summary again; the annotations are appended.
            var more = new CheckRunRequest(Output: output with { Annotations = batch });
            run = await connection.SendAsync(auth, HttpMethod.Patch, $"{Repo(owner, repo)}/check-runs/{run.Id}", more, Json.CheckRunRequest, Json.CheckRun, cancellationToken);
        }

        return run;
    }

    private static (CheckRunRequest First, IReadOnlyList<CheckAnnotation> Remaining) Split(CheckRunRequest request)
    {
        if (request.Output?.Annotations is not { Count: > AnnotationsPerRequest } annotations)
        {
            return (request, []);
        }

        return (request with { Output = request.Output with { Annotations = [.. annotations.Take(AnnotationsPerRequest)] } }, [.. annotations.Skip(AnnotationsPerRequest)]);
    }

    private static CheckRunRequest Limit(CheckRunRequest request) => request.Output is not { } output
        ? request
        : request with
        {
            Output = output with
            {
                Title = GitHubText.Limit(output.Title),
                Summary = GitHubText.Limit(output.Summary),
                Text = output.Text is null ? null : GitHubText.Limit(output.Text),
            },
        };
}
