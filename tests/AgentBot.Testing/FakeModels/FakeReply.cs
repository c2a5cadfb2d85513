using System.Text.Json.Nodes;

namespace AgentBot.Testing.FakeModels;

internal enum FakeReplyKind { Message, Status, Delay, Abort, Body }

/// <summary>One scripted step: an answer, an error status, a hang, a dropped connection, or a body as given.</summary>
internal sealed record FakeReply(FakeReplyKind Kind)
{
    public string? Text { get; init; }

    public IReadOnlyList<(string Name, string Arguments)> ToolCalls { get; init; } = [];

    public bool Truncated { get; init; }

    public FakeUsage Usage { get; init; } = FakeUsage.Default;

    public int StatusCode { get; init; } = 200;

    public TimeSpan? RetryAfter { get; init; }

    public string? ErrorMessage { get; init; }

    public string? ErrorCode { get; init; }

    public TimeSpan DelayBy { get; init; }

    public JsonObject? Body { get; init; }

    public string Describe() => Kind switch
    {
        FakeReplyKind.Message when ToolCalls.Count > 0 => $"ToolCalls({string.Join(", ", ToolCalls.Select(c => c.Name))})",
        FakeReplyKind.Message => Truncated ? "Truncated" : "Text",
        FakeReplyKind.Status => RetryAfter is { } wait ? $"Status({StatusCode}, retry-after {wait})" : $"Status({StatusCode})",
        FakeReplyKind.Delay => $"Delay({DelayBy})",
        _ => Kind.ToString(),
    };
}
