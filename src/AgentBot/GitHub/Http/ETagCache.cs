using Microsoft.Extensions.Options;

namespace AgentBot.GitHub.Http;

/// <summary>
/// Bodies of earlier GET answers by identity and URL, so a repeated read is a conditional request:
/// a 304 costs no rate limit. Least recently used entries go first when full.
/// </summary>
public sealed class ETagCache(IOptions<GitHubOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, string ETag, byte[] Body)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, string ETag, byte[] Body)> _order = new();

    public (string ETag, byte[] Body)? Get(string key)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var node))
            {
                return null;
            }

            _order.Remove(node);
            _order.AddFirst(node);
            return (node.Value.ETag, node.Value.Body);
        }
    }

    public void Set(string key, string etag, byte[] body)
    {
        var capacity = options.Value.ETagCacheSize;
        if (capacity <= 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_entries.Remove(key, out var old))
            {
                _order.Remove(old);
            }

            _entries[key] = _order.AddFirst((key, etag, body));
            while (_entries.Count > capacity)
            {
                _entries.Remove(_order.Last!.Value.Key);
                _order.RemoveLast();
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }
}
