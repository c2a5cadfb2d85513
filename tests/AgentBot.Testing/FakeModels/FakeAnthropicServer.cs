namespace AgentBot.Testing.FakeModels;

/// <summary>
/// A fake Anthropic messages API (<c>POST /v1/messages</c>) on a real Kestrel server at 127.0.0.1. Point a provider's
/// Endpoint at <see cref="Endpoint"/> and its ApiKey at <see cref="ApiKey"/>; script answers with <see cref="Reply"/>;
/// assert on <see cref="Requests"/>. A wrong or missing key (<c>x-api-key</c>, or
/// <c>Authorization: Bearer</c> as the C# SDK sends it) gets 401.
/// </summary>
public sealed class FakeAnthropicServer : IAsyncDisposable
{
    public const string DefaultApiKey = "sk-ant-fake-0123456789";

    private readonly FakeModelHost _host;

    private FakeAnthropicServer(FakeModelHost host, string? apiKey)
    {
        _host = host;
        ApiKey = apiKey;
    }

    /// <summary>Starts the server; <paramref name="apiKey"/> null accepts any key (or none), as a local server does.</summary>
    public static async Task<FakeAnthropicServer> StartAsync(string? apiKey = DefaultApiKey, TimeProvider? time = null) =>
        new(await FakeModelHost.StartAsync(new AnthropicDialect(), apiKey, time), apiKey);

    /// <summary>http://127.0.0.1:PORT, as Anthropic's https://api.anthropic.com (the SDK adds /v1/messages).</summary>
    public Uri Endpoint => _host.Root;

    public string? ApiKey { get; }

    /// <summary>The script: each request takes the next step.</summary>
    public FakeReplies Reply => _host.Reply;

    /// <summary>Every request so far, in arrival order (a snapshot).</summary>
    public IReadOnlyList<FakeModelRequest> Requests => _host.Requests;

    public FakeModelRequest LastRequest => Requests.Count > 0 ? Requests[^1] : throw new InvalidOperationException("No request has arrived.");

    /// <summary>Requests nothing was scripted for, or that went to a route the fake does not serve.</summary>
    public IReadOnlyList<FakeModelRequest> UnexpectedRequests => [.. Requests.Where(r => r.Unexpected)];

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
