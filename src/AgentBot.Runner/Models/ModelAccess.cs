using AgentBot.Runner.Definitions;
using AgentBot.Runner.Engine;
using Microsoft.Extensions.AI;

namespace AgentBot.Runner.Models;

/// <summary>The engine's view of the configured models: a client per agent from the registry, costs from the price list.</summary>
public sealed class ModelAccess(ModelRegistry registry, ModelPrices prices) : IModelAccess
{
    public IChatClient ClientFor(AgentDefinition agent) => registry.Create(agent);

    public decimal Cost(string modelId, UsageDetails usage) => prices.Cost(modelId, usage);

    public decimal MaxCost(string modelId, long inputTokens, long maxOutputTokens) => prices.MaxCost(modelId, inputTokens, maxOutputTokens);
}
