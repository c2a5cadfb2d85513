namespace AgentBot.Testing.FakeModels;

/// <summary>
/// A fake OpenAI chat completions API (<c>POST /v1/chat/completions</c>, and <c>/chat/completions</c> for endpoints
/// given without /v1) on a real Kestrel server at 127.0.0.1. Point a provider's Endpoint at <see cref="Endpoint"/> and its
/// ApiKey at <see cref="ApiKey"/>; script answers with <see cref="Reply"/>; assert on <see cref="Requests"/>. A wrong or
/// missing <c>Authorization: Bearer</c> key gets 401.
/// </summary>
public sealed class FakeOpenAIServer : IAsyncDisposable
{
    public const string DefaultApiKey = "sk-fake-openai-0123456789";

    private readonly FakeModelHost _host;

    private FakeOpenAIServer(FakeModelHost host, string? apiKey)
    {
        _host = host;
        ApiKey = apiKey;
    }

    /// <summary>Starts the server; <paramref name="apiKey"/> null accepts any key (or none), as a local server does.</summary>
    public static async Task<FakeOpenAIServer> StartAsync(string? apiKey = DefaultApiKey, TimeProvider? time = null) =>
        new(await FakeModelHost.StartAsync(new OpenAIDialect(), apiKey, time), apiKey);

    /// <summary>http://127.0.0.1:PORT/v1, as OpenAI's https://api.openai.com/v1.</summary>
    public Uri Endpoint => new(_host.Root, "v1");

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
