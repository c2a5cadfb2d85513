using AgentBot.Runner.Definitions;
using AgentBot.Runner.Models;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentBot.Runner.Tests.Models;

/// <summary>The Models section: binding, the validator's messages, and the registry's errors for what is missing.</summary>
public sealed class ModelConfigurationTests
{
    private static ModelOptions Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var options = new ModelOptions();
        configuration.GetSection(ModelOptions.Section).Bind(options);
        return options;
    }

    private static IReadOnlyList<string> Failures(ModelOptions options) =>
        new ModelOptionsValidator().Validate(null, options) is { Failed: true } result ? [.. result.Failures] : [];

    [Fact]
    public void Binds_providers_credentials_and_prices_from_configuration()
    {
        var options = Bind(
            ("Models:Providers:openai:Kind", "openai"),
            ("Models:Providers:openai:ApiKey", "sk-1"),
            ("Models:Providers:local:Kind", "openai-compatible"),
            ("Models:Providers:local:Endpoint", "http://localhost:11434/v1"),
            ("Models:Providers:local:Timeout", "00:10:00"),
            ("Models:Providers:local:MaxRetries", "1"),
            ("Models:Providers:claude:Kind", "anthropic"),
            ("Models:Providers:claude:Thinking", "extended"),
            ("Models:Credentials:team-a", "sk-team"),
            ("Models:Prices:gpt-4.1:Input", "2"),
            ("Models:Prices:gpt-4.1:Output", "8"),
            ("Models:Prices:gpt-4.1:CachedInput", "0.5"));

        Assert.Empty(Failures(options));
        Assert.Equal("openai", options.Providers["OpenAI"].Kind);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Providers["openai"].Timeout);
        Assert.Equal(4, options.Providers["openai"].MaxRetries);
        Assert.Equal(new Uri("http://localhost:11434/v1"), options.Providers["local"].Endpoint);
        Assert.Equal(TimeSpan.FromMinutes(10), options.Providers["local"].Timeout);
        Assert.Equal(1, options.Providers["local"].MaxRetries);
        Assert.Equal("extended", options.Providers["claude"].Thinking);
        Assert.Equal("sk-team", options.Credentials["team-a"]);
        Assert.Equal(0.5m, options.Prices["gpt-4.1"].CachedInput);
    }

    [Fact]
    public void The_validator_names_the_key_of_every_mistake()
    {
        var options = Bind(
            ("Models:Providers:local:Kind", "openai-compatible"),
            ("Models:Providers:typo:Kind", "open-ai"),
            ("Models:Providers:nokind:ApiKey", "k"),
            ("Models:Providers:slow:Kind", "openai"),
            ("Models:Providers:slow:Timeout", "00:00:00"),
            ("Models:Providers:slow:MaxRetries", "11"),
            ("Models:Providers:relative:Kind", "openai"),
            ("Models:Providers:relative:Endpoint", "/v1"),
            ("Models:Providers:think:Kind", "anthropic"),
            ("Models:Providers:think:Thinking", "deep"),
            ("Models:Providers:Bad_Name:Kind", "openai"),
            ("Models:Credentials:empty", ""),
            ("Models:Prices:gpt-4.1:Input", "-1"));

        // The binder reads a section's keys in sorted order; the messages' order is not the point.
        Assert.Equal(
            new[]
            {
                "Models:Providers:local:Endpoint is required for kind openai-compatible.",
                "Models:Providers:typo:Kind 'open-ai' is not openai, openai-compatible or anthropic.",
                "Models:Providers:nokind:Kind is required (openai, openai-compatible or anthropic).",
                "Models:Providers:slow:Timeout must be positive and at most a day.",
                "Models:Providers:slow:MaxRetries must be between 0 and 10.",
                "Models:Providers:relative:Endpoint must be an absolute http or https URL, got '/v1'.",
                "Models:Providers:think:Thinking must be adaptive or extended, got 'deep'.",
                "Models:Providers:Bad_Name: provider names are what agents write before the '/' of their model, [a-z][a-z0-9-]*.",
                "Models:Credentials:empty is empty.",
                "Models:Prices:gpt-4.1:Input must not be negative.",
            }.Order(StringComparer.Ordinal),
            Failures(options).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validating_a_roster_names_each_agent_whose_provider_credential_or_key_is_missing()
    {
        var options = Bind(
            ("Models:Providers:anthropic:Kind", "anthropic"),
            ("Models:Providers:anthropic:ApiKey", "sk-ant"),
            ("Models:Providers:nokey:Kind", "openai"),
            ("Models:Providers:local:Kind", "openai-compatible"),
            ("Models:Providers:local:Endpoint", "http://localhost:11434/v1"),
            ("Models:Credentials:team-a", "sk-team"));
        AgentDefinition[] agents =
        [
            ModelHarness.Agent("coder", "openai/gpt-4.1"),
            ModelHarness.Agent("reviewer", "anthropic/claude-sonnet-4-6"),
            ModelHarness.Agent("security", "anthropic/claude-opus-4-1", credential: "team-b"),
            ModelHarness.Agent("qa", "nokey/gpt-4.1-mini"),
            ModelHarness.Agent("pm", "nokey/gpt-4.1-mini", credential: "team-a"),
            ModelHarness.Agent("local", "local/qwen2.5-coder"),
        ];

        var failures = new ModelOptionsValidator().Validate(options, agents);

        Assert.Equal(
            [
                "agent coder: model openai/gpt-4.1 names provider 'openai', which is not configured (Models:Providers:openai)",
                "agent security: credential 'team-b' is not configured (Models:Credentials:team-b)",
                "agent qa: model nokey/gpt-4.1-mini needs an API key: set Models:Providers:nokey:ApiKey or give the agent a credential (Models:Credentials:<name>)",
            ],
            failures);
    }

    [Fact]
    public void The_registry_refuses_a_missing_provider_or_credential_naming_the_key()
    {
        var options = Bind(("Models:Providers:openai:Kind", "openai"), ("Models:Providers:openai:ApiKey", "sk-1"));
        using var registry = new ModelRegistry(Options.Create(options));

        var provider = Assert.Throws<ModelConfigurationException>(() => registry.Create(ModelHarness.Agent("coder", "local/qwen2.5-coder")));
        var credential = Assert.Throws<ModelConfigurationException>(() => registry.Create(ModelHarness.Agent("coder", "openai/gpt-4.1", credential: "team-a")));

        Assert.Equal("agent coder: model local/qwen2.5-coder names provider 'local', which is not configured (Models:Providers:local)", provider.Message);
        Assert.Equal("agent coder: credential 'team-a' is not configured (Models:Credentials:team-a)", credential.Message);
        Assert.Equal(["agent coder: model local/qwen2.5-coder names provider 'local', which is not configured (Models:Providers:local)"],
            registry.Validate([ModelHarness.Agent("coder", "local/qwen2.5-coder"), ModelHarness.Agent("ok", "openai/gpt-4.1")]));
    }

    [Fact]
    public void Provider_names_match_whatever_their_case_in_configuration()
    {
        var options = Bind(("Models:Providers:OpenAI:Kind", "openai"), ("Models:Providers:OpenAI:ApiKey", "sk-1"));
        using var registry = new ModelRegistry(Options.Create(options));

        var client = registry.Create(new ModelReference("openai", "gpt-4.1"));

        Assert.Equal("openai", client.GetService<ChatClientMetadata>()?.ProviderName, ignoreCase: true);
        Assert.Equal("gpt-4.1", client.GetService<ChatClientMetadata>()?.DefaultModelId);
    }

    [Fact]
    public void AddModels_registers_the_registry_the_prices_and_the_validator()
    {
        var services = new ServiceCollection();
        services.AddModels();
        services.Configure<ModelOptions>(o => o.Providers["local"] = new ProviderOptions { Kind = "openai-compatible" });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ModelOptions>>().Value);

        Assert.Contains("Models:Providers:local:Endpoint is required for kind openai-compatible.", ex.Failures);
        Assert.Contains(services, d => d.ServiceType == typeof(ModelRegistry));
        Assert.Contains(services, d => d.ServiceType == typeof(ModelPrices));
    }

    [Fact]
    public void A_resolved_provider_prints_where_its_key_came_from_not_the_key()
    {
        var options = Bind(("Models:Providers:openai:Kind", "openai"), ("Models:Providers:openai:ApiKey", "sk-secret-123456"));

        var resolved = ResolvedProvider.Resolve(options, new ModelReference("openai", "gpt-4.1"), null, null, out _);

        Assert.Equal("openai (OpenAI, key from Models:Providers:openai:ApiKey)", resolved?.ToString());
    }
}
