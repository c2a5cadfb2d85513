using System.Text.RegularExpressions;
using AgentBot.Runner.Definitions;
using Microsoft.Extensions.Options;

namespace AgentBot.Runner.Models;

/// <summary>
/// Fails at start, naming the configuration key, rather than at an agent's first model call (design section 6).
/// <see cref="Validate(string?, ModelOptions)"/> checks the section on its own; <see cref="Validate(ModelOptions, IEnumerable{AgentDefinition})"/>
/// checks that every agent of a roster finds its provider and key.
/// </summary>
public sealed partial class ModelOptionsValidator : IValidateOptions<ModelOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (provider, settings) in options.Providers)
        {
            ValidateProvider(provider, settings, failures);
        }

        foreach (var (credential, key) in options.Credentials)
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                failures.Add($"Models:Credentials:{credential} is empty.");
            }
        }

        foreach (var (model, price) in options.Prices)
        {
            var prefix = $"Models:Prices:{model}";
            if (price is null)
            {
                failures.Add($"{prefix} must set Input and Output (USD per million tokens).");
                continue;
            }

            if (price.Input < 0)
            {
                failures.Add($"{prefix}:Input must not be negative.");
            }

            if (price.Output < 0)
            {
                failures.Add($"{prefix}:Output must not be negative.");
            }

            if (price.CachedInput < 0)
            {
                failures.Add($"{prefix}:CachedInput must not be negative.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>One message per agent whose provider, credential or key is missing; empty when every agent can call its model.</summary>
    public IReadOnlyList<string> Validate(ModelOptions options, IEnumerable<AgentDefinition> agents)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(agents);
        var failures = new List<string>();
        foreach (var agent in agents)
        {
            if (ResolvedProvider.Resolve(options, agent.Model, agent.Credential, agent.Name, out var error) is null)
            {
                failures.Add(error!);
            }
        }

        return failures;
    }

    private static void ValidateProvider(string name, ProviderOptions? provider, List<string> failures)
    {
        var prefix = $"Models:Providers:{name}";
        if (!ProviderName().IsMatch(name))
        {
            failures.Add($"{prefix}: provider names are what agents write before the '/' of their model, [a-z][a-z0-9-]*.");
        }

        if (provider is null)
        {
            failures.Add($"{prefix}:Kind is required ({ModelProviderKinds.Expected}).");
            return;
        }

        var kind = ModelProviderKinds.Parse(provider.Kind);
        if (string.IsNullOrWhiteSpace(provider.Kind))
        {
            failures.Add($"{prefix}:Kind is required ({ModelProviderKinds.Expected}).");
        }
        else if (kind is null)
        {
            failures.Add($"{prefix}:Kind '{provider.Kind}' is not {ModelProviderKinds.Expected}.");
        }

        if (provider.Endpoint is null)
        {
            if (kind == ModelProviderKind.OpenAICompatible)
            {
                failures.Add($"{prefix}:Endpoint is required for kind openai-compatible.");
            }
        }
        else if (!provider.Endpoint.IsAbsoluteUri || provider.Endpoint.Scheme is not ("http" or "https"))
        {
            failures.Add($"{prefix}:Endpoint must be an absolute http or https URL, got '{provider.Endpoint}'.");
        }

        if (provider.Timeout <= TimeSpan.Zero || provider.Timeout > TimeSpan.FromDays(1))
        {
            failures.Add($"{prefix}:Timeout must be positive and at most a day.");
        }

        if (provider.MaxRetries is < 0 or > 10)
        {
            failures.Add($"{prefix}:MaxRetries must be between 0 and 10.");
        }

        if (provider.MaxRetryWait < TimeSpan.Zero)
        {
            failures.Add($"{prefix}:MaxRetryWait must not be negative.");
        }

        if (AnthropicThinking.Parse(provider.Thinking) is null)
        {
            failures.Add($"{prefix}:Thinking must be adaptive or extended, got '{provider.Thinking}'.");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*$", RegexOptions.IgnoreCase)]
    private static partial Regex ProviderName();
}
