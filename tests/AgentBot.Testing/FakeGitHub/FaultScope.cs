namespace AgentBot.Testing.FakeGitHub;

/// <summary>Queues faults for the requests one target matches: <c>fake.Faults.For("POST", "/repos/o/r/check-runs").Status(502, 2)</c>.</summary>
public sealed class FaultScope
{
    private readonly FakeFaults _owner;
    private readonly string _target;
    private readonly Func<RecordedRequest, bool> _matches;

    internal FaultScope(FakeFaults owner, string target, Func<RecordedRequest, bool> matches)
    {
        _owner = owner;
        _target = target;
        _matches = matches;
    }

    /// <summary>An error status; the body is {"message": "Server Error"} (or the status's reason) unless given.</summary>
    public FakeFault Status(int statusCode, int times = 1, string? body = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        return _owner.Enqueue(new FakeFault(FaultKind.Status, _target, _matches, times) { StatusCode = statusCode, Body = body });
    }

    /// <summary>GitHub's primary limit: 403 (GitHub documents 429 too) with x-ratelimit-remaining 0 and the reset time.</summary>
    public FakeFault PrimaryRateLimit(DateTimeOffset reset, int times = 1, int statusCode = 403) =>
        _owner.Enqueue(new FakeFault(FaultKind.PrimaryRateLimit, _target, _matches, times) { StatusCode = statusCode, Reset = reset });

    /// <summary>GitHub's secondary limit: 403 or 429, retry-after in whole seconds when given.</summary>
    public FakeFault SecondaryRateLimit(TimeSpan? retryAfter, int status = 403, int times = 1) =>
        _owner.Enqueue(new FakeFault(FaultKind.SecondaryRateLimit, _target, _matches, times) { StatusCode = status, RetryAfter = retryAfter });

    /// <summary>Waits in real time (it stands for the network, not for GitHub's clock), then answers normally.</summary>
    public FakeFault Delay(TimeSpan delay, int times = 1) =>
        _owner.Enqueue(new FakeFault(FaultKind.Delay, _target, _matches, times) { DelayBy = delay });

    /// <summary>Closes the connection without an answer.</summary>
    public FakeFault Abort(int times = 1) =>
        _owner.Enqueue(new FakeFault(FaultKind.Abort, _target, _matches, times));
}
