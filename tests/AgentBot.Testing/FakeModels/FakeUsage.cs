namespace AgentBot.Testing.FakeModels;

/// <summary>
/// Token counts of a scripted answer. <see cref="Input"/> is every input token, cached ones included (as
/// UsageDetails counts them); each fake writes it in its API's own terms: OpenAI's <c>prompt_tokens</c> includes
/// <c>cached_tokens</c>, while Anthropic's <c>input_tokens</c> excludes <c>cache_read_input_tokens</c>.
/// </summary>
public sealed record FakeUsage(int Input, int Output, int Cached = 0, int Reasoning = 0)
{
    public static FakeUsage Default { get; } = new(10, 5);
}
