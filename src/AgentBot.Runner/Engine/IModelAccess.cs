using AgentBot.Runner.Definitions;
using Microsoft.Extensions.AI;

namespace AgentBot.Runner.Engine;

/// <summary>The model side of a run: a chat client for the agent's model, and what its calls cost.</summary>
public interface IModelAccess
{
    IChatClient ClientFor(AgentDefinition agent);

    /// <summary>USD for one call's usage; zero when no price is configured for the model.</summary>
    decimal Cost(string modelId, UsageDetails usage);

    /// <summary>USD of the worst case of a call: all its input and the longest answer it may give.</summary>
    decimal MaxCost(string modelId, long inputTokens, long maxOutputTokens);
}
