using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AgentBot.Testing.FakeModels;

/// <summary>
/// The Kestrel server under both fake model APIs, at 127.0.0.1 on a free port: records every request, checks the
/// API key, and answers from the script through the dialect. Scripted steps are taken only by requests that pass
/// authentication, so a 401 never uses up an answer.
/// </summary>
internal sealed class FakeModelHost : IAsyncDisposable
{
    private static (int Index, string? Name)? InvalidToolName(JsonArray tools)
    {
        for (var i = 0; i < tools.Count; i++)
        {
            var name = (tools[i]?["function"]?["name"] ?? tools[i]?["name"])?.ToString();
            if (name is null || !System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-zA-Z0-9_-]{1,64}$"))
            {
                return (i, name);
            }
        }

        return null;
    }

    private readonly WebApplication _app;
    private readonly IModelDialect _dialect;
    private readonly string? _apiKey;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly List<FakeModelRequest> _requests = [];
    private Uri? _root;

    private FakeModelHost(IModelDialect dialect, string? apiKey, TimeProvider time)
    {
        _dialect = dialect;
        _apiKey = apiKey;
        _time = time;

        // The empty builder reads no appsettings or environment, so nothing on the machine can move the fake's port.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    public FakeReplies Reply { get; } = new();

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri Root => _root ?? throw new InvalidOperationException($"The fake {_dialect.Name} has not started.");

    public IReadOnlyList<FakeModelRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<FakeModelHost> StartAsync(IModelDialect dialect, string? apiKey, TimeProvider? time)
    {
        var host = new FakeModelHost(dialect, apiKey, time ?? TimeProvider.System);
        await host._app.StartAsync();
        var address = host._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        host._root = new Uri(address.TrimEnd('/') + "/");
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var sequence = Record(new FakeModelRequest(0, request.Method, request.Path.Value ?? "/", headers, body, TryParse(body), _time.GetUtcNow()));
        var json = Requests[(int)sequence - 1].Body;

        if (!_dialect.Serves(request.Method, request.Path.Value ?? "/"))
        {
            await SendErrorAsync(context, sequence, 404, $"The fake {_dialect.Name} does not serve {request.Method} {request.Path}.", "unexpected route", unexpected: true);
            return;
        }

        var presented = _dialect.PresentedKey(request);
        if (_apiKey is not null && !string.Equals(presented, _apiKey, StringComparison.Ordinal))
        {
            await SendAsync(context, sequence, 401, _dialect.Error(401, null, null, sequence, presented), "Unauthorized");
            return;
        }

        // As the real APIs do: a tool name outside [a-zA-Z0-9_-]{1,64} is refused before anything else.
        if (json?["tools"] is JsonArray tools && InvalidToolName(tools) is { } invalid)
        {
            await SendAsync(context, sequence, 400, _dialect.Error(400,
                $"tools.{invalid.Index}.name: String should match pattern '^[a-zA-Z0-9_-]{{1,64}}$' (got '{invalid.Name}')", null, sequence, presented), "invalid tool name");
            return;
        }

        var streaming = json?["stream"]?.GetValueKind() == JsonValueKind.True;
        if (streaming && !_dialect.Streams)
        {
            await SendErrorAsync(context, sequence, 500, $"The fake {_dialect.Name} does not stream; ask without \"stream\": true.", "streaming requested", unexpected: true);
            return;
        }

        while (true)
        {
            if (Reply.Take() is not { } step)
            {
                await SendErrorAsync(context, sequence, 500, $"The fake {_dialect.Name} has nothing scripted for request #{sequence}: enqueue a reply with fake.Reply before the call.", "nothing scripted", unexpected: true);
                return;
            }

            switch (step.Kind)
            {
                case FakeReplyKind.Delay:
                    try
                    {
                        await Task.Delay(step.DelayBy, _time, context.RequestAborted);
                    }
                    catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
                    {
                        Update(sequence, r => r with { Reply = $"{step.Describe()}, abandoned by the client" });
                        return;
                    }

                    continue;
                case FakeReplyKind.Abort:
                    Update(sequence, r => r with { Reply = step.Describe() });
                    context.Abort();
                    return;
                case FakeReplyKind.Status:
                    if (step.RetryAfter is { } wait)
                    {
                        _dialect.AddRetryAfter(context.Response, wait);
                    }

                    await SendAsync(context, sequence, step.StatusCode, _dialect.Error(step.StatusCode, step.ErrorMessage, step.ErrorCode, sequence, presented), step.Describe());
                    return;
                case FakeReplyKind.Body:
                    await SendAsync(context, sequence, 200, step.Body!, step.Describe());
                    return;
                default:
                    if (streaming)
                    {
                        await SendEventsAsync(context, sequence, _dialect.Stream(step, json, sequence, _time.GetUtcNow()), step.Describe());
                        return;
                    }

                    await SendAsync(context, sequence, 200, _dialect.Answer(step, json, sequence, _time.GetUtcNow()), step.Describe());
                    return;
            }
        }
    }

    private Task SendErrorAsync(HttpContext context, long sequence, int status, string message, string reply, bool unexpected)
    {
        if (unexpected)
        {
            Update(sequence, r => r with { Unexpected = true });

            // A test that forgot to script an answer should fail at once with this message, not retry into a clock nobody moves.
            context.Response.Headers["x-should-retry"] = "false";
        }

        return SendAsync(context, sequence, status, _dialect.Error(status, message, "fake_error", sequence, null), reply);
    }

    private async Task SendAsync(HttpContext context, long sequence, int status, JsonObject body, string reply)
    {
        Update(sequence, r => r with { StatusCode = status, Reply = reply });
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        _dialect.AddHeaders(response, sequence);
        await response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private async Task SendEventsAsync(HttpContext context, long sequence, IReadOnlyList<(string Event, JsonObject Data)> events, string reply)
    {
        Update(sequence, r => r with { StatusCode = 200, Reply = $"{reply} (streamed)" });
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "text/event-stream";
        _dialect.AddHeaders(response, sequence);
        foreach (var (name, data) in events)
        {
            await response.WriteAsync($"event: {name}\ndata: {data.ToJsonString()}\n\n", context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
        }
    }

    private long Record(FakeModelRequest request)
    {
        lock (_gate)
        {
            var numbered = request with { Sequence = _requests.Count + 1 };
            _requests.Add(numbered);
            return numbered.Sequence;
        }
    }

    private void Update(long sequence, Func<FakeModelRequest, FakeModelRequest> change)
    {
        lock (_gate)
        {
            _requests[(int)sequence - 1] = change(_requests[(int)sequence - 1]);
        }
    }

    private static JsonNode? TryParse(string body)
    {
        try
        {
            return string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
