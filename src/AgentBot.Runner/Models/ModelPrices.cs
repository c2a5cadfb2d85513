using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace AgentBot.Runner.Models;

/// <summary>
/// Token counts to USD from <c>Models:Prices:&lt;model-id&gt;</c> (USD per million tokens). A model without a price
/// costs 0, which the trail shows as such rather than guessing. Cached input tokens are a part of the input count
/// (both providers' clients report them that way) and are charged at <see cref="ModelPrice.CachedInput"/>.
/// </summary>
public sealed class ModelPrices
{
    private const decimal PerMillion = 1_000_000m;
    private readonly Dictionary<string, ModelPrice> _prices;

    public ModelPrices(IOptions<ModelOptions> options)
        : this(options?.Value.Prices ?? throw new ArgumentNullException(nameof(options)))
    {
    }

    public ModelPrices(IReadOnlyDictionary<string, ModelPrice> prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        _prices = new Dictionary<string, ModelPrice>(prices, StringComparer.OrdinalIgnoreCase);
    }

    public bool HasPrice(string modelId) => Find(modelId) is not null;

    /// <summary>What one call cost: uncached input, cached input and output (reasoning tokens are part of the output).</summary>
    public decimal Cost(string modelId, UsageDetails? usage)
    {
        if (usage is null || Find(modelId) is not { } price)
        {
            return 0m;
        }

        var input = Math.Max(0, usage.InputTokenCount ?? 0);
        var cached = Math.Clamp(usage.CachedInputTokenCount ?? 0, 0, input);
        var output = Math.Max(0, usage.OutputTokenCount ?? 0);
        return ((input - cached) * price.Input + cached * (price.CachedInput ?? price.Input) + output * price.Output) / PerMillion;
    }

    /// <summary>The most a call can cost: every input token uncached and the whole output limit used. For budgets that fail closed.</summary>
    public decimal MaxCost(string modelId, long inputTokens, long maxOutputTokens) =>
        Find(modelId) is { } price ? (Math.Max(0, inputTokens) * price.Input + Math.Max(0, maxOutputTokens) * price.Output) / PerMillion : 0m;

    private ModelPrice? Find(string modelId)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        return _prices.GetValueOrDefault(modelId);
    }
}
