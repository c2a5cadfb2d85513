using System.Net;
using System.Text.Json;
using AgentBot.GitHub.Http;
using AgentBot.Runner.Tools;
using Polly.Timeout;

namespace AgentBot.GitHub.Tools;

/// <summary>
/// Runs one tool's GitHub calls and turns every failure GitHub or the network can cause into an error result the
/// model can act on: a refused call is an answer, not a crash of the run. Only the run's own cancellation escapes.
/// Nothing here can carry a token: <see cref="GitHubApiException"/> never holds one, and only its fields are used.
/// </summary>
internal static class GitHubToolCall
{
    public static async ValueTask<ToolResult> RunAsync(Func<Task<ToolResult>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (GitHubApiException ex)
        {
            return ToolResult.Error(Describe(ex));
        }
        catch (HttpRequestException ex)
        {
            return ToolResult.Error($"GitHub could not be reached ({ex.HttpRequestError}); try again later.");
        }
        catch (TimeoutRejectedException)
        {
            return ToolResult.Error("GitHub did not answer in time; try again later.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ToolResult.Error("GitHub did not answer in time; try again later.");
        }
        catch (JsonException)
        {
            return ToolResult.Error("GitHub answered with something this tool cannot read.");
        }
    }

    /// <summary>Status, GitHub's own message and validation errors, and a hint at what usually causes that status.</summary>
    public static string Describe(GitHubApiException ex)
    {
        var details = ex.Errors.Count > 0 ? $" ({string.Join("; ", ex.Errors)})" : string.Empty;
        var hint = ex.Status switch
        {
            HttpStatusCode.NotFound => " It does not exist, or the app cannot see it.",
            HttpStatusCode.Forbidden => " The app is not allowed to do this here, or a rate limit was hit.",
            HttpStatusCode.UnprocessableEntity => " GitHub found the request invalid; fix it and try again.",
            HttpStatusCode.Conflict => " It conflicts with the current state on GitHub.",
            _ => string.Empty,
        };
        return $"GitHub answered {(int)ex.Status} to {ex.Method} {ex.Path}: {ex.GitHubMessage}{details}.{hint}";
    }
}
