using System.Net;

namespace AgentBot.GitHub.Http;

/// <summary>
/// Any failed GitHub call: the status, GitHub's <c>message</c>, <c>documentation_url</c>, validation
/// errors and the <c>x-github-request-id</c> that GitHub Support asks for. Never carries a token.
/// </summary>
public sealed class GitHubApiException(
    HttpStatusCode status,
    string method,
    string path,
    string gitHubMessage,
    string? documentationUrl,
    string? requestId,
    IReadOnlyList<string> errors)
    : Exception(Describe(status, method, path, gitHubMessage, requestId, errors))
{
    public HttpStatusCode Status { get; } = status;

    public string Method { get; } = method;

    public string Path { get; } = path;

    public string GitHubMessage { get; } = gitHubMessage;

    public string? DocumentationUrl { get; } = documentationUrl;

    public string? RequestId { get; } = requestId;

    public IReadOnlyList<string> Errors { get; } = errors;

    public bool IsNotFound => Status == HttpStatusCode.NotFound;

    private static string Describe(HttpStatusCode status, string method, string path, string message, string? requestId, IReadOnlyList<string> errors)
    {
        var details = errors.Count > 0 ? $" ({string.Join("; ", errors)})" : string.Empty;
        var id = requestId is null ? string.Empty : $" [request {requestId}]";
        return $"GitHub answered {(int)status} to {method} {path}: {message}{details}{id}";
    }
}
