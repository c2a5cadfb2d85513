using AgentBot.Runner.Models;
using Microsoft.Extensions.AI;

namespace AgentBot.Runner.Tests.Models;

public sealed class ModelPricesTests
{
    private static readonly ModelPrices Prices = new(new Dictionary<string, ModelPrice>
    {
        ["gpt-4.1"] = new() { Input = 2m, Output = 8m, CachedInput = 0.5m },
        ["claude-sonnet-4-6"] = new() { Input = 3m, Output = 15m },
    });

    [Fact]
    public void Cost_charges_uncached_input_cached_input_and_output_at_their_prices()
    {
        var usage = new UsageDetails { InputTokenCount = 1_200_000, CachedInputTokenCount = 1_000_000, OutputTokenCount = 50_000 };

        // 0.2M × $2 + 1M × $0.50 + 0.05M × $8
        Assert.Equal(0.4m + 0.5m + 0.4m, Prices.Cost("gpt-4.1", usage));
    }

    [Fact]
    public void Cached_input_without_its_own_price_costs_as_much_as_input()
    {
        var usage = new UsageDetails { InputTokenCount = 2000, CachedInputTokenCount = 1000, OutputTokenCount = 1000 };

        Assert.Equal((2000 * 3m + 1000 * 15m) / 1_000_000m, Prices.Cost("claude-sonnet-4-6", usage));
    }

    [Fact]
    public void A_model_without_a_price_costs_nothing()
    {
        Assert.Equal(0m, Prices.Cost("qwen2.5-coder", new UsageDetails { InputTokenCount = 1000, OutputTokenCount = 1000 }));
        Assert.Equal(0m, Prices.MaxCost("qwen2.5-coder", 1000, 1000));
        Assert.False(Prices.HasPrice("qwen2.5-coder"));
        Assert.True(Prices.HasPrice("GPT-4.1"));
        Assert.Equal(0m, Prices.Cost("gpt-4.1", null));
    }

    [Fact]
    public void MaxCost_assumes_no_cache_and_the_whole_output_limit()
    {
        // 100k × $2 + 4k × $8, per million
        Assert.Equal(0.2m + 0.032m, Prices.MaxCost("gpt-4.1", 100_000, 4_000));
    }

    [Fact]
    public void Prices_come_from_the_models_section()
    {
        var options = new ModelOptions();
        options.Prices["gpt-4.1"] = new ModelPrice { Input = 2m, Output = 8m };

        var prices = new ModelPrices(Microsoft.Extensions.Options.Options.Create(options));

        Assert.Equal(10m, prices.Cost("gpt-4.1", new UsageDetails { InputTokenCount = 1_000_000, OutputTokenCount = 1_000_000 }));
    }
}
