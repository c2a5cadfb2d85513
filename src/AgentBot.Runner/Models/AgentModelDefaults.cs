using AgentBot.Runner.Definitions;
using Microsoft.Extensions.AI;

namespace AgentBot.Runner.Models;

/// <summary>
/// Fills in what the agent's definition says when a call leaves it unset: its effort as
/// <see cref="ChatOptions.Reasoning"/> (each provider client turns that into its own request field). A call that
/// sets its own reasoning options keeps them.
/// </summary>
public sealed class AgentModelDefaults(IChatClient innerClient, Effort? effort) : DelegatingChatClient(innerClient)
{
    public Effort? Effort { get; } = effort;

    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(messages, Apply(options), cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(messages, Apply(options), cancellationToken);

    public static ReasoningEffort ToReasoningEffort(Effort effort) => effort switch
    {
        Definitions.Effort.Low => ReasoningEffort.Low,
        Definitions.Effort.Medium => ReasoningEffort.Medium,
        Definitions.Effort.High => ReasoningEffort.High,
        _ => throw new ArgumentOutOfRangeException(nameof(effort), effort, null),
    };

    private ChatOptions? Apply(ChatOptions? options)
    {
        if (Effort is not { } effort || options?.Reasoning is not null)
        {
            return options;
        }

        // The caller's options are not ours to change: they may be reused for the next turn or another agent.
        var copy = options?.Clone() ?? new ChatOptions();
        copy.Reasoning = new ReasoningOptions { Effort = ToReasoningEffort(effort) };
        return copy;
    }
}
