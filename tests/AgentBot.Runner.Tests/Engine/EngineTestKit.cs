using System.Collections.Concurrent;
using System.Text.Json;
using AgentBot.Runner.Definitions;
using AgentBot.Runner.Engine;
using AgentBot.Runner.Tools;
using AgentBot.Runner.Trail;
using Microsoft.Extensions.AI;

namespace AgentBot.Runner.Tests.Engine;

/// <summary>A scripted chat client (a unit-test double; the fake model servers cover the real SDKs).</summary>
internal sealed class ScriptedChatClient : IChatClient
{
    private readonly ConcurrentQueue<Func<CancellationToken, Task<ChatResponse>>> _script = new();

    public List<(List<ChatMessage> Messages, ChatOptions? Options)> Requests { get; } = [];

    public ScriptedChatClient Text(string text, int input = 100, int output = 20) =>
        Then(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)) { Usage = Usage(input, output), FinishReason = ChatFinishReason.Stop });

    public ScriptedChatClient Calls(params (string Tool, string Json)[] calls) => CallsWithUsage(100, 20, calls);

    public ScriptedChatClient CallsWithUsage(int input, int output, params (string Tool, string Json)[] calls)
    {
        var contents = calls.Select((c, i) => (AIContent)new FunctionCallContent($"call_{Requests.Count}_{_script.Count}_{i}", c.Tool,
            JsonSerializer.Deserialize<Dictionary<string, object?>>(c.Json, AIJsonUtilities.DefaultOptions))).ToList();
        return Then(new ChatResponse(new ChatMessage(ChatRole.Assistant, contents)) { Usage = Usage(input, output), FinishReason = ChatFinishReason.ToolCalls });
    }

    public ScriptedChatClient Hang() => Then(async ct =>
    {
        await Task.Delay(Timeout.Infinite, ct);
        throw new InvalidOperationException("unreachable");
    });

    public ScriptedChatClient Throw(Exception exception) => Then(_ => Task.FromException<ChatResponse>(exception));

    public ScriptedChatClient Then(ChatResponse response) => Then(_ => Task.FromResult(response));

    public ScriptedChatClient Then(Func<CancellationToken, Task<ChatResponse>> next)
    {
        _script.Enqueue(next);
        return this;
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Requests.Add(([.. messages], options));
        return _script.TryDequeue(out var next) ? next(cancellationToken) : throw new InvalidOperationException("The script has no more replies.");
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private static UsageDetails Usage(int input, int output) => new() { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output };
}

/// <summary>Prices of 1 USD per million input and 2 USD per million output tokens, unless set otherwise.</summary>
internal sealed class TestModels(IChatClient client, decimal inputPerMillion = 1m, decimal outputPerMillion = 2m) : IModelAccess
{
    public IChatClient ClientFor(AgentDefinition agent) => client;

    public decimal Cost(string modelId, UsageDetails usage) =>
        (((usage.InputTokenCount ?? 0) * inputPerMillion) + ((usage.OutputTokenCount ?? 0) * outputPerMillion)) / 1_000_000m;

    public decimal MaxCost(string modelId, long inputTokens, long maxOutputTokens) =>
        ((inputTokens * inputPerMillion) + (maxOutputTokens * outputPerMillion)) / 1_000_000m;
}

internal sealed class ListSink : ITrailSink
{
    public List<TrailEvent> Events { get; } = [];

    public IEnumerable<string> Types => Events.Select(e => e.Type);

    public ValueTask WriteAsync(TrailEvent trailEvent, CancellationToken cancellationToken)
    {
        Events.Add(trailEvent);
        return ValueTask.CompletedTask;
    }
}

/// <summary>A tool that records its calls and answers what it is told to.</summary>
internal sealed class RecordingTool(string name, bool leavesWorkspace = false, Func<JsonElement, ToolResult>? answer = null) : ITool
{
    public List<string> Calls { get; } = [];

    public string Name => name;

    public string Description => $"The {name} tool.";

    public JsonElement InputSchema { get; } = JsonDocument.Parse("""{"type":"object","properties":{"path":{"type":"string"}}}""").RootElement.Clone();

    public bool LeavesWorkspace => leavesWorkspace;

    public ValueTask<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        Calls.Add(arguments.GetRawText());
        return ValueTask.FromResult(answer?.Invoke(arguments) ?? new ToolResult($"{name} done"));
    }
}

internal static class Agents
{
    public static AgentDefinition Load(string yaml)
    {
        var result = AgentLoader.Load([new AgentSource("agents/a.yml", yaml)]);
        Assert.False(result.HasErrors, string.Join('\n', result.Diagnostics));
        return Assert.Single(result.Agents);
    }
}
