namespace AgentBot.Testing.FakeGitHub;

/// <summary>
/// Every request in arrival order. An entry is added when a request arrives and updated when it is answered, so a
/// snapshot taken mid-request shows it in flight (status 0) rather than leaving it out.
/// </summary>
internal sealed class RequestLog
{
    private readonly Lock _gate = new();
    private readonly List<Entry> _entries = [];
    private long _sequence;

    public Entry Add(RecordedRequest request)
    {
        lock (_gate)
        {
            var entry = new Entry(this, request with { Sequence = ++_sequence });
            _entries.Add(entry);
            return entry;
        }
    }

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_gate)
        {
            return [.. _entries.Select(e => e.Value)];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    internal sealed class Entry(RequestLog owner, RecordedRequest value)
    {
        public RecordedRequest Value { get; private set; } = value;

        public void Update(Func<RecordedRequest, RecordedRequest> change)
        {
            lock (owner._gate)
            {
                Value = change(Value);
            }
        }
    }
}
