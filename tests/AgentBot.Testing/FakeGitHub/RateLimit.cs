namespace AgentBot.Testing.FakeGitHub;

/// <summary>
/// The core rate limit: 5000 requests (or <see cref="Limit"/>) per hour-long window starting at the fake's clock start, renewed when the
/// fake's clock passes the reset. One bucket for the whole fake (GitHub keeps one per installation).
/// </summary>
internal sealed class RateLimit(TimeProvider time)
{
    /// <summary>Requests per hour; GitHub gives an installation 5,000 and up to 12,500 on large organisations.</summary>
    public int Limit { get; set; } = 5000;

    private readonly Lock _gate = new();
    private DateTimeOffset _reset = time.GetUtcNow() + TimeSpan.FromHours(1);
    private int _used;

    public Snapshot Current
    {
        get
        {
            lock (_gate)
            {
                Roll();
                return new Snapshot(Limit, Limit - _used, _used, _reset);
            }
        }
    }

    /// <summary>Counts one request, unless the window is used up, and returns the state after it.</summary>
    public Snapshot Consume()
    {
        lock (_gate)
        {
            Roll();
            _used = Math.Min(Limit, _used + 1);
            return new Snapshot(Limit, Limit - _used, _used, _reset);
        }
    }

    /// <summary>Lets a test start near the limit (for example 1 left) without sending thousands of requests.</summary>
    public void SetRemaining(int remaining)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(remaining);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(remaining, Limit);
        lock (_gate)
        {
            Roll();
            _used = Limit - remaining;
        }
    }

    private void Roll()
    {
        var now = time.GetUtcNow();
        while (now >= _reset)
        {
            _reset += TimeSpan.FromHours(1);
            _used = 0;
        }
    }

    internal readonly record struct Snapshot(int Limit, int Remaining, int Used, DateTimeOffset Reset);
}
