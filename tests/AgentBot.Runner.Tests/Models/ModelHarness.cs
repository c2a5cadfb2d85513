using AgentBot.Runner.Definitions;
using AgentBot.Runner.Models;
using AgentBot.Testing;
using AgentBot.Testing.FakeModels;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace AgentBot.Runner.Tests.Models;

/// <summary>
/// A registry configured against a fake model server (provider "openai" or "anthropic"), on a manual clock. The
/// attempt timeout is a day unless a test says otherwise, so its timer stays out of the way of the retry timers
/// that <see cref="DriveAsync{T}"/> moves the clock to.
/// </summary>
internal sealed class ModelHarness : IAsyncDisposable
{
    private ModelHarness(ModelOptions options, ManualTimeProvider clock, FakeOpenAIServer? openAI, FakeAnthropicServer? anthropic)
    {
        Options = options;
        Clock = clock;
        OpenAI = openAI;
        Anthropic = anthropic;
        LoggerFactory = new LoggerFactory([Logs]);
        Registry = new ModelRegistry(Microsoft.Extensions.Options.Options.Create(options), clock, LoggerFactory);
    }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ModelOptions Options { get; }

    public ManualTimeProvider Clock { get; }

    public ModelRegistry Registry { get; }

    /// <summary>Everything the registry's clients logged.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    private LoggerFactory LoggerFactory { get; }

    public FakeOpenAIServer? OpenAI { get; }

    public FakeAnthropicServer? Anthropic { get; }

    public FakeReplies Reply => OpenAI?.Reply ?? Anthropic!.Reply;

    public IReadOnlyList<FakeModelRequest> Requests => OpenAI?.Requests ?? Anthropic!.Requests;

    public IReadOnlyList<FakeModelRequest> UnexpectedRequests => OpenAI?.UnexpectedRequests ?? Anthropic!.UnexpectedRequests;

    public static async Task<ModelHarness> OpenAIAsync(Action<ProviderOptions>? configure = null, string kind = "openai")
    {
        var fake = await FakeOpenAIServer.StartAsync();
        var provider = new ProviderOptions { Kind = kind, Endpoint = fake.Endpoint, ApiKey = fake.ApiKey, Timeout = TimeSpan.FromDays(1) };
        configure?.Invoke(provider);
        return new ModelHarness(Configure("openai", provider), new ManualTimeProvider(), fake, null);
    }

    public static async Task<ModelHarness> AnthropicAsync(Action<ProviderOptions>? configure = null)
    {
        var fake = await FakeAnthropicServer.StartAsync();
        var provider = new ProviderOptions { Kind = "anthropic", Endpoint = fake.Endpoint, ApiKey = fake.ApiKey, Timeout = TimeSpan.FromDays(1) };
        configure?.Invoke(provider);
        return new ModelHarness(Configure("anthropic", provider), new ManualTimeProvider(), null, fake);
    }

    public static Task<ModelHarness> StartAsync(string provider, Action<ProviderOptions>? configure = null) =>
        provider == "anthropic" ? AnthropicAsync(configure) : OpenAIAsync(configure);

    /// <summary>The default model of each fake's provider.</summary>
    public string ModelId => OpenAI is not null ? "gpt-4.1" : "claude-sonnet-4-6";

    public string ProviderName => OpenAI is not null ? "openai" : "anthropic";

    public IChatClient Client(Effort? effort = null, string? credential = null, string? modelId = null) =>
        Registry.Create(new ModelReference(ProviderName, modelId ?? ModelId), credential, effort);

    public static AgentDefinition Agent(string name, string model, string? credential = null, Effort? effort = null) => new()
    {
        Name = name,
        Model = ModelReference.TryParse(model, out var reference) ? reference! : throw new ArgumentException(model),
        Credential = credential,
        Effort = effort,
        SourcePath = $"agents/{name}.yml",
        ContentHash = new string('0', 64),
    };

    /// <summary>Moves the clock to each retry timer until the call ends; nothing sleeps.</summary>
    public async Task<T> DriveAsync<T>(Task<T> call)
    {
        var horizon = Clock.GetUtcNow() + TimeSpan.FromHours(2);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!call.IsCompleted)
        {
            await Task.WhenAny(call, Task.Delay(5, Ct));
            if (Clock.NextDue is { } due && due <= horizon && !call.IsCompleted)
            {
                Clock.Advance(due > Clock.GetUtcNow() ? due - Clock.GetUtcNow() : TimeSpan.Zero);
            }

            Assert.True(DateTime.UtcNow < deadline, "the call neither finished nor waited on the clock");
        }

        return await call;
    }

    /// <summary>Waits until the call sleeps on a retry timer (the attempt timeout, a day away, does not count) and says when it is due.</summary>
    public async Task<TimeSpan> WaitForRetryTimerAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Clock.NextDue is not { } due || due > Clock.GetUtcNow() + TimeSpan.FromHours(2))
        {
            Assert.True(DateTime.UtcNow < deadline, "no retry timer was started");
            await Task.Delay(5, Ct);
        }

        return Clock.NextDue!.Value - Clock.GetUtcNow();
    }

    public async ValueTask DisposeAsync()
    {
        Registry.Dispose();
        LoggerFactory.Dispose();
        if (OpenAI is not null)
        {
            await OpenAI.DisposeAsync();
        }

        if (Anthropic is not null)
        {
            await Anthropic.DisposeAsync();
        }
    }

    private static ModelOptions Configure(string name, ProviderOptions provider)
    {
        var options = new ModelOptions();
        options.Providers[name] = provider;
        return options;
    }
}
