using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Net;
using AgentBot.Runner.Definitions;
using Anthropic;
using Anthropic.Core;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenAI;

namespace AgentBot.Runner.Models;

/// <summary>
/// Turns an agent's <c>model: provider/model-id</c> and <c>credential</c> into an <see cref="IChatClient"/>:
/// the provider's SDK client (OpenAI's through <see cref="OpenAIChatClientAdapter"/>, Anthropic's own
/// <c>AsIChatClient</c>), inside <see cref="RetryingChatClient"/>, inside <see cref="AgentModelDefaults"/> for the
/// agent's effort. Configuration mistakes throw <see cref="ModelConfigurationException"/> naming the key.
/// </summary>
public sealed class ModelRegistry : IDisposable
{
    /// <summary>Anthropic's API requires max_tokens; the SDK's own default (1024) would cut an agent's answers short.</summary>
    public const int AnthropicDefaultMaxOutputTokens = 8192;

    private static readonly Uri OpenAIEndpoint = new("https://api.openai.com/v1");
    private static readonly Uri AnthropicEndpoint = new("https://api.anthropic.com");

    private readonly IOptions<ModelOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _retryLogger;
    private readonly ConcurrentDictionary<string, HttpClient> _anthropicHttp = new(StringComparer.OrdinalIgnoreCase);

    public ModelRegistry(IOptions<ModelOptions> options, TimeProvider? time = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time ?? TimeProvider.System;
        _retryLogger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<RetryingChatClient>();
    }

    /// <summary>The client for an agent: its model, its credential (if any) and its effort.</summary>
    public IChatClient Create(AgentDefinition agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return Create(agent.Model, agent.Credential, agent.Effort, agent.Name);
    }

    public IChatClient Create(ModelReference model, string? credential = null, Effort? effort = null) => Create(model, credential, effort, agent: null);

    /// <summary>One message per agent whose provider, credential or key is missing, for failing at start.</summary>
    public IReadOnlyList<string> Validate(IEnumerable<AgentDefinition> agents) => new ModelOptionsValidator().Validate(_options.Value, agents);

    public void Dispose()
    {
        foreach (var http in _anthropicHttp.Values)
        {
            http.Dispose();
        }

        _anthropicHttp.Clear();
    }

    private IChatClient Create(ModelReference model, string? credential, Effort? effort, string? agent)
    {
        ArgumentNullException.ThrowIfNull(model);
        var provider = ResolvedProvider.Resolve(_options.Value, model, credential, agent, out var error)
            ?? throw new ModelConfigurationException(error!);
        var client = provider.Kind == ModelProviderKind.Anthropic ? CreateAnthropic(provider, model.ModelId) : CreateOpenAI(provider, model.ModelId);
        return new AgentModelDefaults(new RetryingChatClient(client, provider, model.ModelId, _time, _retryLogger), effort);
    }

    private static OpenAIChatClientAdapter CreateOpenAI(ResolvedProvider provider, string modelId)
    {
        var endpoint = provider.Options.Endpoint ?? OpenAIEndpoint;
        var options = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            // RetryingChatClient is the one place that retries.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // The SDK's default is 100 seconds; a long answer may need the whole attempt's time.
            NetworkTimeout = provider.Options.Timeout,
        };

        // A local server takes no key, but the SDK insists on one; it is sent and ignored.
        var credential = new ApiKeyCredential(provider.ApiKey ?? "no-key");
        return new OpenAIChatClientAdapter(new OpenAIClient(credential, options), modelId, endpoint, provider.Name);
    }

    private IChatClient CreateAnthropic(ResolvedProvider provider, string modelId)
    {
        var http = _anthropicHttp.GetOrAdd(provider.Name, _ => new HttpClient(new RetryHints.Handler(_time)
        {
            InnerHandler = new SocketsHttpHandler
            {
                AutomaticDecompression = DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            },
        })
        {
            // The SDK's per-call Timeout (below) is the limit; HttpClient's 100-second default would cut long answers.
            Timeout = Timeout.InfiniteTimeSpan,
        });

        var client = new AnthropicClient(new ClientOptions
        {
            HttpClient = http,
            // Set explicitly: the SDK would otherwise read ANTHROPIC_BASE_URL, ANTHROPIC_API_KEY and ANTHROPIC_AUTH_TOKEN
            // from the environment, and a run must use what the configuration says.
            BaseUrl = (provider.Options.Endpoint ?? AnthropicEndpoint).ToString().TrimEnd('/'),
            ApiKey = provider.ApiKey,
            AuthToken = null,
            MaxRetries = 0,
            Timeout = provider.Options.Timeout,
        });
        var thinking = AnthropicThinking.Parse(provider.Options.Thinking) ?? AnthropicThinkingMode.Adaptive;
        return client.AsIChatClient(modelId, AnthropicDefaultMaxOutputTokens, thinking);
    }
}

internal static class AnthropicThinking
{
    public static AnthropicThinkingMode? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "adaptive" => AnthropicThinkingMode.Adaptive,
        "extended" => AnthropicThinkingMode.Extended,
        _ => null,
    };
}
