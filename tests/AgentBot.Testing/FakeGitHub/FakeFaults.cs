namespace AgentBot.Testing.FakeGitHub;

/// <summary>
/// Faults queued by a test. Each request takes the first queued fault (in queue order) whose target matches it;
/// one request gets at most one fault. The shortcut methods here apply to any request.
/// </summary>
public sealed class FakeFaults
{
    private readonly Lock _gate = new();
    private readonly List<FakeFault> _queue = [];

    public FaultScope Any => new(this, "any request", _ => true);

    /// <summary>Requests with this method ("*" for any) and a path matching <paramref name="path"/> (a segment prefix or a pattern, see RequestsTo).</summary>
    public FaultScope For(string method, string path)
    {
        var matchesPath = PathPattern.Compile(path);
        return new FaultScope(
            this,
            $"{method} {path}",
            r => (method == "*" || string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase)) && matchesPath(r.Path));
    }

    public FaultScope For(Func<RecordedRequest, bool> match) => new(this, "a predicate", match);

    public FakeFault Status(int statusCode, int times = 1, string? body = null) => Any.Status(statusCode, times, body);

    public FakeFault PrimaryRateLimit(DateTimeOffset reset, int times = 1, int statusCode = 403) => Any.PrimaryRateLimit(reset, times, statusCode);

    public FakeFault SecondaryRateLimit(TimeSpan? retryAfter, int status = 403, int times = 1) => Any.SecondaryRateLimit(retryAfter, status, times);

    public FakeFault Delay(TimeSpan delay, int times = 1) => Any.Delay(delay, times);

    public FakeFault Abort(int times = 1) => Any.Abort(times);

    /// <summary>Faults not yet used up.</summary>
    public IReadOnlyList<FakeFault> Pending
    {
        get
        {
            lock (_gate)
            {
                return [.. _queue];
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _queue.Clear();
        }
    }

    internal FakeFault Enqueue(FakeFault fault)
    {
        lock (_gate)
        {
            _queue.Add(fault);
        }

        return fault;
    }

    internal FakeFault? Take(RecordedRequest request)
    {
        lock (_gate)
        {
            var fault = _queue.FirstOrDefault(f => f.TryConsume(request));
            if (fault is { Remaining: 0 })
            {
                _queue.Remove(fault);
            }

            return fault;
        }
    }
}
