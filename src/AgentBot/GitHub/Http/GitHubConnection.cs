using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;

namespace AgentBot.GitHub.Http;

/// <summary>
/// Sends one GitHub REST call: authentication, JSON (source-generated only), conditional GETs, pagination
/// by the <c>Link</c> header, and errors as <see cref="GitHubApiException"/>. Retries and rate limits are
/// handled below it, in <see cref="GitHubResilienceHandler"/>.
/// </summary>
public sealed class GitHubConnection(HttpClient http, IOptions<GitHubOptions> options, ETagCache cache)
{
    public const string ApiVersion = "2022-11-28";

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    public Uri BaseUrl { get; } = WithTrailingSlash(options.Value.ApiUrl);

    public Task<TResponse> SendAsync<TResponse>(
        GitHubAuth auth, HttpMethod method, string path, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken) =>
        SendCoreAsync(auth, method, path, null, responseType, cancellationToken);

    public Task<TResponse> SendAsync<TRequest, TResponse>(
        GitHubAuth auth, HttpMethod method, string path, TRequest body, JsonTypeInfo<TRequest> bodyType, JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken) =>
        SendCoreAsync(auth, method, path, JsonSerializer.SerializeToUtf8Bytes(body, bodyType), responseType, cancellationToken);

    /// <summary>A call whose answer has no body worth reading (204, or a body the caller does not use).</summary>
    public async Task SendAsync(GitHubAuth auth, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var response = await ExchangeAsync(auth, method, BuildUri(path), null, cancellationToken);
        await EnsureSuccessAsync(response, method.Method, path, cancellationToken);
    }

    /// <summary>Every item of a paginated list, page by page (100 a page), following <c>rel="next"</c>.</summary>
    public async IAsyncEnumerable<T> PaginateAsync<T>(
        GitHubAuth auth, string path, JsonTypeInfo<List<T>> pageType, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Uri? next = BuildUri(path.Contains("per_page=", StringComparison.Ordinal) ? path : Append(path, "per_page=100"));
        while (next is not null)
        {
            var (page, response) = await ReadAsync(auth, next, pageType, cancellationToken);
            using (response)
            {
                next = response.Headers.TryGetValues("Link", out var links) ? LinkHeader.Find(links, "next") : null;
            }

            // A next link to another host would carry our token there; GitHub never sends one.
            if (next is not null && !SameOrigin(next, BaseUrl))
            {
                throw new InvalidOperationException($"GitHub's pagination link points to another host ({next.Host}); refusing to follow it.");
            }

            foreach (var item in page)
            {
                yield return item;
            }
        }
    }

    private async Task<TResponse> SendCoreAsync<TResponse>(
        GitHubAuth auth, HttpMethod method, string path, byte[]? body, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        if (method == HttpMethod.Get && body is null)
        {
            var (value, response) = await ReadAsync(auth, BuildUri(path), responseType, cancellationToken);
            response.Dispose();
            return value;
        }

        using var answer = await ExchangeAsync(auth, method, BuildUri(path), body, cancellationToken);
        await EnsureSuccessAsync(answer, method.Method, path, cancellationToken);
        return await Deserialize(answer, responseType, cancellationToken);
    }

    /// <summary>A GET, conditional when an earlier answer for the same identity and URL is cached.</summary>
    private async Task<(T Value, HttpResponseMessage Response)> ReadAsync<T>(
        GitHubAuth auth, Uri uri, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var key = $"{auth.Scope} {uri}";
        var cached = cache.Get(key);
        var response = await ExchangeAsync(auth, HttpMethod.Get, uri, null, cancellationToken, cached?.ETag);
        try
        {
            if (response.StatusCode == HttpStatusCode.NotModified && cached is { } hit)
            {
                return (JsonSerializer.Deserialize(hit.Body, type)!, response);
            }

            await EnsureSuccessAsync(response, "GET", uri.PathAndQuery, cancellationToken);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (response.Headers.ETag is { } etag)
            {
                cache.Set(key, etag.ToString(), bytes);
            }

            return (JsonSerializer.Deserialize(bytes, type) ?? throw new JsonException($"GitHub answered null to GET {uri.PathAndQuery}."), response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private async Task<HttpResponseMessage> ExchangeAsync(
        GitHubAuth auth, HttpMethod method, Uri uri, byte[]? body, CancellationToken cancellationToken, string? ifNoneMatch = null)
    {
        var token = await auth.TokenAsync(cancellationToken);
        var response = await http.SendAsync(Build(method, uri, body, token, ifNoneMatch), HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !auth.CanRefresh)
        {
            return response;
        }

        // An installation token revoked or expired early: one retry with a fresh one.
        response.Dispose();
        auth.Refused(token);
        token = await auth.TokenAsync(cancellationToken);
        return await http.SendAsync(Build(method, uri, body, token, ifNoneMatch), HttpCompletionOption.ResponseContentRead, cancellationToken);
    }

    private static HttpRequestMessage Build(HttpMethod method, Uri uri, byte[]? body, string token, string? ifNoneMatch)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.ParseAdd("application/vnd.github+json");
        request.Headers.Add("X-GitHub-Api-Version", ApiVersion);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = Json;
        }

        return request;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string method, string path, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var requestId = response.Headers.TryGetValues("x-github-request-id", out var ids) ? ids.FirstOrDefault() : null;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var (message, documentation, errors) = GitHubError.Parse(text, response.ReasonPhrase ?? response.StatusCode.ToString());
        throw new GitHubApiException(response.StatusCode, method, "/" + StripQuery(path).TrimStart('/'), message, documentation, requestId, errors);
    }

    private static async Task<T> Deserialize<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken)
            ?? throw new JsonException($"GitHub answered null where {typeof(T).Name} was expected.");
    }

    private Uri BuildUri(string path) => new(BaseUrl, path.TrimStart('/'));

    private static string Append(string path, string query) => path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;

    private static string StripQuery(string path) => path.Split('?')[0];

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;

    private static Uri WithTrailingSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
