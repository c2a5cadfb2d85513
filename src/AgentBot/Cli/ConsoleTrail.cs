using System.Globalization;
using AgentBot.Runner.Trail;

namespace AgentBot.Cli;

/// <summary>
/// Prints a run's trail as it happens: one line per step, and a spinner line while the model thinks when the
/// output is a terminal (redirected output gets plain lines only).
/// </summary>
public sealed class ConsoleTrail(TextWriter output, bool interactive) : ITrailSink, IAsyncDisposable
{
    private static readonly string[] Frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _spinner;
    private string? _status;
    private int _disposed;

    public List<TrailEvent> Events { get; } = [];

    public ValueTask WriteAsync(TrailEvent trailEvent, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Events.Add(trailEvent);
            ClearStatus();
            if (Describe(trailEvent) is { } line)
            {
                output.WriteLine(line);
            }

            // After a step the model is asked again, until the run ends.
            _status = trailEvent.Type is TrailEventTypes.Completed or TrailEventTypes.Failed or TrailEventTypes.ApprovalRequested ? null : "thinking";
        }

        if (interactive && _spinner is null)
        {
            _spinner = SpinAsync(_stop.Token);
        }

        return ValueTask.CompletedTask;
    }

    private static string? Describe(TrailEvent e)
    {
        var d = e.Data;
        string S(string key) => d[key]?.ToString() ?? string.Empty;
        return e.Type switch
        {
            TrailEventTypes.Started => $"▶ {S("agent")} on {S("model")} · tools: {string.Join(", ", d["tools"]?.AsArray().Select(t => t?.ToString()) ?? [])}",
            TrailEventTypes.ModelCall => $"  model · turn {S("turn")} · {S("inputTokens")} in / {S("outputTokens")} out · ${Money(d["costUsd"])} · {S("latencyMs")} ms{(S("toolCalls") is "0" or "" ? string.Empty : $" · {S("toolCalls")} tool call(s)")}",
            TrailEventTypes.ToolCall => d["allowed"]?.GetValue<bool>() == true
                ? $"  tool  · {S("tool")} {S("arguments")}{(d["error"] is null ? string.Empty : $" → error: {S("error")}")}"
                : $"  DENIED · {S("tool")}: {S("error")}",
            TrailEventTypes.FileChanged => $"  file  · {S("path")} +{S("added")} -{S("removed")}",
            TrailEventTypes.CostMilestone => $"  cost  · ${Money(d["costUsd"])} spent",
            TrailEventTypes.ApprovalRequested => $"  WAIT  · approval needed for {S("tool")} {S("arguments")}",
            TrailEventTypes.ApprovalGranted => "  approved",
            TrailEventTypes.ApprovalDenied => "  rejected",
            TrailEventTypes.Completed => $"■ {S("conclusion")}{(d["reason"] is null ? string.Empty : $": {S("reason")}")}",
            TrailEventTypes.Failed => $"✖ failed: {S("error")}",
            _ => null,
        };
    }

    private static string Money(System.Text.Json.Nodes.JsonNode? value) =>
        (value is null ? 0m : value.GetValue<decimal>()).ToString("0.0000", CultureInfo.InvariantCulture);

    private void ClearStatus()
    {
        if (interactive && _status is not null)
        {
            output.Write("\r\u001b[2K");
        }
    }

    private async Task SpinAsync(CancellationToken cancellationToken)
    {
        var frame = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                lock (_gate)
                {
                    if (_status is not null)
                    {
                        output.Write($"\r\u001b[2K{Frames[frame++ % Frames.Length]} {_status}…");
                        output.Flush();
                    }
                }

                await Task.Delay(100, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Disposed early (before the summary) and again by its using.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        if (_spinner is not null)
        {
            await _spinner;
        }

        lock (_gate)
        {
            ClearStatus();
            _status = null;
        }

        _stop.Dispose();
    }
}
