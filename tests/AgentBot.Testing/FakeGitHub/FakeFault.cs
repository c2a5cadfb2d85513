namespace AgentBot.Testing.FakeGitHub;

/// <summary>
/// A queued fault: applies to the next <see cref="Times"/> requests that match its target, then is used up.
/// Keep the handle to assert it was consumed (<see cref="Remaining"/> is 0).
/// </summary>
public sealed class FakeFault
{
    private readonly Func<RecordedRequest, bool> _matches;
    private int _remaining;

    internal FakeFault(FaultKind kind, string target, Func<RecordedRequest, bool> matches, int times)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        Kind = kind;
        Target = target;
        _matches = matches;
        Times = times;
        _remaining = times;
    }

    public FaultKind Kind { get; }

    /// <summary>Which requests it applies to, for messages: "any request", "POST /repos/o/r/issues", "a predicate".</summary>
    public string Target { get; }

    public int Times { get; }

    public int Remaining => Volatile.Read(ref _remaining);

    public int StatusCode { get; init; }

    /// <summary>For <see cref="FaultKind.Status"/>: the body to send instead of GitHub's usual {"message": ...}.</summary>
    public string? Body { get; init; }

    public DateTimeOffset? Reset { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    public TimeSpan DelayBy { get; init; }

    /// <summary>How it is named on <see cref="RecordedRequest.Fault"/>.</summary>
    public string Name => Kind switch
    {
        FaultKind.Status => $"Status({StatusCode})",
        FaultKind.PrimaryRateLimit => $"PrimaryRateLimit({StatusCode})",
        FaultKind.SecondaryRateLimit => $"SecondaryRateLimit({StatusCode})",
        FaultKind.Delay => $"Delay({DelayBy.TotalMilliseconds}ms)",
        _ => Kind.ToString(),
    };

    // Called under the owning FakeFaults' lock, so matching and consuming are one step.
    internal bool TryConsume(RecordedRequest request)
    {
        if (_remaining == 0 || !_matches(request))
        {
            return false;
        }

        Volatile.Write(ref _remaining, _remaining - 1);
        return true;
    }

    public override string ToString() => $"{Name} for {Target}, {Remaining} of {Times} left";
}
