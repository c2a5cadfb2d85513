using AgentBot.Runner.Definitions;

namespace AgentBot.Runner.Models;

/// <summary>
/// A model reference joined with its configuration: the provider entry, its kind, and the API key with the
/// configuration key it came from (named in errors; the key itself never is). Shared by the registry and the
/// start-up validator so that both say the same thing about the same mistake.
/// </summary>
internal sealed record ResolvedProvider(
    string Name,
    ProviderOptions Options,
    ModelProviderKind Kind,
    string? ApiKey,
    string KeySource)
{
    // A record prints every property; this one holds a key, so it prints where the key came from instead.
    public override string ToString() => $"{Name} ({Kind}, key from {KeySource})";

    /// <summary>The provider and key for a model, or the message naming the missing configuration key.</summary>
    public static ResolvedProvider? Resolve(ModelOptions options, ModelReference model, string? credential, string? agent, out string? error)
    {
        var who = agent is null ? string.Empty : $"agent {agent}: ";
        if (!ModelOptions.TryFind(options.Providers, model.Provider, out var name, out var provider) || provider is null)
        {
            error = $"{who}model {model} names provider '{model.Provider}', which is not configured (Models:Providers:{model.Provider})";
            return null;
        }

        if (ModelProviderKinds.Parse(provider.Kind) is not { } kind)
        {
            error = $"{who}model {model} names provider '{name}', whose Models:Providers:{name}:Kind is not {ModelProviderKinds.Expected}";
            return null;
        }

        string? key;
        string source;
        if (credential is not null)
        {
            if (!ModelOptions.TryFind(options.Credentials, credential, out var credentialName, out key) || string.IsNullOrWhiteSpace(key))
            {
                error = $"{who}credential '{credential}' is not configured (Models:Credentials:{credential})";
                return null;
            }

            source = $"Models:Credentials:{credentialName}";
        }
        else
        {
            key = string.IsNullOrWhiteSpace(provider.ApiKey) ? null : provider.ApiKey;
            source = $"Models:Providers:{name}:ApiKey";
            if (key is null && kind != ModelProviderKind.OpenAICompatible)
            {
                error = $"{who}model {model} needs an API key: set {source} or give the agent a credential (Models:Credentials:<name>)";
                return null;
            }
        }

        error = null;
        return new ResolvedProvider(name, provider, kind, key, source);
    }
}
