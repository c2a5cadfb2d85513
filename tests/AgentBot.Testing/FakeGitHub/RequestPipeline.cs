using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentBot.Testing.FakeGitHub;

/// <summary>
/// Runs around every route: records the request, applies a queued fault, enforces the rate limit and token
/// authentication, then buffers the answer to add GitHub's headers, the ETag and 304s before sending it.
/// </summary>
internal sealed class RequestPipeline(FakeGitHubServer server)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var entry = server.Log.Add(new RecordedRequest(
            request.Method, request.Path.Value ?? "/", request.QueryString.Value ?? string.Empty, headers, body, server.Time.GetUtcNow()));
        var state = new RequestState(entry, body);
        context.Items[typeof(RequestState)] = state;

        var response = context.Response;
        response.Headers["x-github-request-id"] = RequestId(entry.Value.Sequence);
        response.Headers["x-github-api-version-selected"] = "2022-11-28";
        response.Headers["x-github-media-type"] = "github.v3; format=json";
        response.ContentType = GitHubJson.ContentType;

        if (server.Faults.Take(entry.Value) is { } fault)
        {
            entry.Update(r => r with { Fault = fault.Name });
            switch (fault.Kind)
            {
                case FaultKind.Abort:
                    context.Abort();
                    return;
                case FaultKind.Delay:
                    try
                    {
                        await Task.Delay(fault.DelayBy, context.RequestAborted);
                    }
                    catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
                    {
                        return;
                    }

                    break;
                default:
                    await SendFaultAsync(context, entry, fault);
                    return;
            }
        }

        var unhandled = context.GetEndpoint() is not RouteEndpoint;
        if (unhandled)
        {
            entry.Update(r => r with { Unhandled = true });
        }

        if (Refuse(context, state, unhandled) is { } refusal)
        {
            await SendAsync(context, entry, refusal.Status, Bytes(refusal.Body), server.RateLimit.Consume());
            return;
        }

        var original = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await next(context);
        }
        catch (GitHubError error)
        {
            Reset(response, buffer);
            await new GitHubResponse(error.Status, error.Body).ExecuteAsync(context);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug in the fake must not look like a GitHub outage the client should retry: say so, and flag it.
            Reset(response, buffer);
            state.Unhandled = true;
            await new GitHubResponse(500, GitHubJson.Error($"The fake GitHub failed: {e}", Docs.Rest, 500)).ExecuteAsync(context);
        }
        finally
        {
            response.Body = original;
        }

        if (state.Unhandled)
        {
            entry.Update(r => r with { Unhandled = true });
        }

        var status = response.StatusCode;
        var content = buffer.ToArray();
        if (HttpMethods.IsGet(request.Method) && status == StatusCodes.Status200OK)
        {
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content)) + "\"";
            response.Headers.ETag = etag;
            if (Matches(request.Headers.IfNoneMatch.ToString(), etag))
            {
                // A conditional hit is free on GitHub: it does not count against the rate limit.
                await SendAsync(context, entry, StatusCodes.Status304NotModified, [], server.RateLimit.Current);
                return;
            }
        }

        await SendAsync(context, entry, status, content, server.RateLimit.Consume());
    }

    private (int Status, System.Text.Json.Nodes.JsonObject Body)? Refuse(HttpContext context, RequestState state, bool unhandled)
    {
        if (server.RateLimit.Current.Remaining == 0)
        {
            return (403, GitHubJson.Error("API rate limit exceeded for installation ID 1.", Docs.RateLimits, 403));
        }

        if (unhandled)
        {
            return (404, GitHubJson.Error("Not Found", Docs.Rest, 404));
        }

        var path = context.Request.Path.Value ?? "/";
        if (!path.StartsWith("/repos/", StringComparison.Ordinal) && path != "/graphql")
        {
            return null;
        }

        var documentation = path == "/graphql" ? Docs.GraphQl : Docs.Rest;
        if (Token(context.Request.Headers.Authorization.ToString()) is not { } token
            || server.Tokens.Validate(token, server.Time.GetUtcNow()) is not { } installation)
        {
            return (401, GitHubJson.Error("Bad credentials", documentation, 401));
        }

        state.InstallationId = installation;
        return null;
    }

    // GitHub takes an installation token as "Bearer ghs_…" or "token ghs_…".
    private static string? Token(string authorization)
    {
        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            return null;
        }

        var scheme = authorization[..space];
        return scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || scheme.Equals("token", StringComparison.OrdinalIgnoreCase)
            ? authorization[(space + 1)..].Trim()
            : null;
    }

    private async Task SendFaultAsync(HttpContext context, RequestLog.Entry entry, FakeFault fault)
    {
        var response = context.Response;
        switch (fault.Kind)
        {
            case FaultKind.PrimaryRateLimit:
                var limit = server.RateLimit.Current;
                await SendAsync(
                    context,
                    entry,
                    fault.StatusCode,
                    Bytes(GitHubJson.Error("API rate limit exceeded for installation ID 1.", Docs.RateLimits, fault.StatusCode)),
                    limit with { Remaining = 0, Used = limit.Limit, Reset = fault.Reset ?? limit.Reset });
                break;
            case FaultKind.SecondaryRateLimit:
                if (fault.RetryAfter is { } retryAfter)
                {
                    response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                var message = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. "
                    + $"If you reach out to GitHub Support for help, please include the request ID {RequestId(entry.Value.Sequence)}.";
                await SendAsync(context, entry, fault.StatusCode, Bytes(GitHubJson.Error(message, Docs.SecondaryRateLimits, fault.StatusCode)), server.RateLimit.Current);
                break;
            default:
                var body = fault.Body is { } custom
                    ? Encoding.UTF8.GetBytes(custom)
                    : Bytes(GitHubJson.Error(fault.StatusCode >= 500 ? "Server Error" : ReasonPhrase(fault.StatusCode), Docs.Rest, fault.StatusCode));
                await SendAsync(context, entry, fault.StatusCode, body, server.RateLimit.Current);
                break;
        }
    }

    private static async Task SendAsync(HttpContext context, RequestLog.Entry entry, int status, byte[] content, RateLimit.Snapshot limit)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.Headers["x-ratelimit-limit"] = limit.Limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-remaining"] = limit.Remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-used"] = limit.Used.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-reset"] = limit.Reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-resource"] = "core";
        entry.Update(r => r with { StatusCode = status });
        if (status is StatusCodes.Status204NoContent or StatusCodes.Status304NotModified)
        {
            return;
        }

        response.ContentLength = content.Length;
        await response.Body.WriteAsync(content, context.RequestAborted);
    }

    private static void Reset(HttpResponse response, MemoryStream buffer)
    {
        buffer.SetLength(0);
        response.Headers.Remove("Link");
    }

    private static bool Matches(string ifNoneMatch, string etag) =>
        ifNoneMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(candidate => candidate == "*" || (candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate) == etag);

    private static string RequestId(long sequence) => string.Create(CultureInfo.InvariantCulture, $"FAKE:{sequence:D4}");

    private static byte[] Bytes(System.Text.Json.Nodes.JsonNode body) => Encoding.UTF8.GetBytes(body.ToJsonString(GitHubJson.Options));

    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";
}
