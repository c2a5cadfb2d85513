namespace AgentBot.Runner.Models;

/// <summary>
/// The <c>Models</c> configuration section (design section 6): which providers exist, their keys, the
/// per-agent credentials and the prices that turn token counts into cost. The host binds it and validates
/// it at start with <see cref="ModelOptionsValidator"/>.
/// </summary>
public sealed class ModelOptions
{
    public const string Section = "Models";

    /// <summary>By the name an agent's <c>model: name/model-id</c> uses (e.g. <c>openai</c>, <c>local</c>).</summary>
    public Dictionary<string, ProviderOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>An agent's <c>credential: x</c> uses <c>Models:Credentials:x</c> as its API key instead of the provider's.</summary>
    public Dictionary<string, string> Credentials { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// USD per million tokens, by model id as agents write it after the provider (<c>gpt-4.1</c>). A model id
    /// holding ':' (Ollama's <c>qwen2.5-coder:7b</c>) cannot be a configuration key: such a model has no price.
    /// </summary>
    public Dictionary<string, ModelPrice> Prices { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Configuration keys are case-insensitive, so lookups are too, whatever dictionary the binder made.</summary>
    internal static bool TryFind<T>(Dictionary<string, T> entries, string key, out string foundKey, out T value)
    {
        if (entries.TryGetValue(key, out value!))
        {
            foundKey = key;
            return true;
        }

        foreach (var (candidate, entry) in entries)
        {
            if (string.Equals(candidate, key, StringComparison.OrdinalIgnoreCase))
            {
                foundKey = candidate;
                value = entry;
                return true;
            }
        }

        foundKey = key;
        value = default!;
        return false;
    }
}

/// <summary>One <c>Models:Providers:&lt;name&gt;</c> entry.</summary>
public sealed class ProviderOptions
{
    /// <summary><c>openai</c>, <c>openai-compatible</c> or <c>anthropic</c> (a string so that a typo is reported by name, not as a binder error).</summary>
    public string? Kind { get; set; }

    /// <summary>
    /// Base URL. Required for <c>openai-compatible</c> (Ollama <c>http://localhost:11434/v1</c>, vLLM, llama.cpp,
    /// Azure OpenAI's <c>https://x.openai.azure.com/openai/v1</c>, Gemini's OpenAI endpoint …); optional for
    /// <c>openai</c> (<c>https://api.openai.com/v1</c>) and <c>anthropic</c> (<c>https://api.anthropic.com</c>, without <c>/v1</c>).
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Optional for <c>openai-compatible</c> (local servers take none); an agent's credential overrides it.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Limit of one attempt (a whole model answer); retries come on top.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Retries of 429, 5xx, timeouts and connection failures; 0 tries once.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>Longest wait a <c>retry-after</c> may ask for; a longer one fails the call at once rather than stalling a run.</summary>
    public TimeSpan MaxRetryWait { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Anthropic only: how an agent's effort is sent. <c>adaptive</c> (current models: <c>thinking.type=adaptive</c> and
    /// <c>output_config.effort</c>) or <c>extended</c> (models before adaptive thinking: a <c>budget_tokens</c> per effort).
    /// </summary>
    public string Thinking { get; set; } = "adaptive";
}

/// <summary>USD per million tokens.</summary>
public sealed class ModelPrice
{
    public decimal Input { get; set; }

    public decimal Output { get; set; }

    /// <summary>Input tokens served from the provider's prompt cache; <see cref="Input"/> when not set.</summary>
    public decimal? CachedInput { get; set; }
}

/// <summary>The provider kinds, parsed from <see cref="ProviderOptions.Kind"/>.</summary>
public enum ModelProviderKind { OpenAI, OpenAICompatible, Anthropic }

internal static class ModelProviderKinds
{
    public const string Expected = "openai, openai-compatible or anthropic";

    public static ModelProviderKind? Parse(string? kind) => kind?.Trim().ToLowerInvariant() switch
    {
        "openai" => ModelProviderKind.OpenAI,
        "openai-compatible" => ModelProviderKind.OpenAICompatible,
        "anthropic" => ModelProviderKind.Anthropic,
        _ => null,
    };
}
