using System.Text.Json.Nodes;

namespace AgentBot.Testing.FakeModels;

/// <summary>
/// The script of a fake model server: each request takes the next step, in order. Steps chain
/// (<c>fake.Reply.Status(500).Status(500).Text("done")</c>). A request that finds nothing scripted gets a 500 that
/// says so and is flagged in <c>UnexpectedRequests</c>. Thread-safe.
/// </summary>
public sealed class FakeReplies
{
    private readonly Lock _gate = new();
    private readonly Queue<FakeReply> _steps = new();

    /// <summary>Token counts of answers scripted without their own.</summary>
    public FakeUsage DefaultUsage { get; set; } = FakeUsage.Default;

    /// <summary>Steps not yet taken by a request.</summary>
    public int Remaining
    {
        get
        {
            lock (_gate)
            {
                return _steps.Count;
            }
        }
    }

    /// <summary>A plain answer (finish_reason stop / stop_reason end_turn).</summary>
    public FakeReplies Text(string text, FakeUsage? usage = null) =>
        Add(new FakeReply(FakeReplyKind.Message) { Text = text, Usage = usage ?? DefaultUsage });

    /// <summary>An answer cut off at the output limit (finish_reason length / stop_reason max_tokens).</summary>
    public FakeReplies Truncated(string text, FakeUsage? usage = null) =>
        Add(new FakeReply(FakeReplyKind.Message) { Text = text, Truncated = true, Usage = usage ?? DefaultUsage });

    /// <summary>An answer whose text is this JSON, as a model asked for structured output gives it.</summary>
    public FakeReplies Json(JsonNode json, FakeUsage? usage = null) => Text(json.ToJsonString(), usage);

    public FakeReplies Json(string json, FakeUsage? usage = null) => Text(JsonNode.Parse(json)!.ToJsonString(), usage);

    /// <summary>One turn asking for these tool calls (several: parallel tool calls); arguments are JSON object text.</summary>
    public FakeReplies ToolCalls(params (string Name, string Arguments)[] calls) => ToolCalls(DefaultUsage, calls);

    public FakeReplies ToolCalls(FakeUsage usage, params (string Name, string Arguments)[] calls)
    {
        ArgumentOutOfRangeException.ThrowIfZero(calls.Length);
        foreach (var (_, arguments) in calls)
        {
            // A typo in a test's arguments should fail the test here, not look like a model sending bad JSON.
            _ = JsonNode.Parse(arguments) as JsonObject ?? throw new ArgumentException($"Tool call arguments must be a JSON object: {arguments}", nameof(calls));
        }

        return Add(new FakeReply(FakeReplyKind.Message) { ToolCalls = [.. calls], Usage = usage });
    }

    /// <summary>An error answer in the API's shape; <paramref name="retryAfter"/> adds the retry headers the API sends.</summary>
    public FakeReplies Status(int status, TimeSpan? retryAfter = null, string? message = null, string? code = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 400);
        return Add(new FakeReply(FakeReplyKind.Status) { StatusCode = status, RetryAfter = retryAfter, ErrorMessage = message, ErrorCode = code });
    }

    /// <summary>
    /// The next request hangs this long (on the server's clock), then takes the step after this one. A request the
    /// client abandons while it hangs (a timeout) takes nothing more: the following step is left for the retry.
    /// </summary>
    public FakeReplies Delay(TimeSpan by) => Add(new FakeReply(FakeReplyKind.Delay) { DelayBy = by });

    /// <summary>The connection drops without an answer.</summary>
    public FakeReplies Abort() => Add(new FakeReply(FakeReplyKind.Abort));

    /// <summary>A 200 answer with exactly this body, for shapes the other steps do not make.</summary>
    public FakeReplies Body(JsonObject body) => Add(new FakeReply(FakeReplyKind.Body) { Body = body });

    internal FakeReply? Take()
    {
        lock (_gate)
        {
            return _steps.TryDequeue(out var step) ? step : null;
        }
    }

    private FakeReplies Add(FakeReply reply)
    {
        lock (_gate)
        {
            _steps.Enqueue(reply);
        }

        return this;
    }
}
