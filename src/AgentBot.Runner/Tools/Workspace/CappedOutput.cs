using System.Text;

namespace AgentBot.Runner.Tools.Workspace;

/// <summary>
/// Collects a command's output up to a limit, keeping the beginning and the end: a build's first lines
/// say what ran and its last lines say what failed, while the middle of a long log rarely matters.
/// Safe to append from the stdout and stderr readers at once.
/// </summary>
internal sealed class CappedOutput(int maxChars)
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _head = new();
    private readonly StringBuilder _tail = new();
    private readonly int _half = maxChars / 2;
    private long _total;

    public long TotalChars
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    public void Append(ReadOnlySpan<char> chunk)
    {
        lock (_gate)
        {
            _total += chunk.Length;
            var toHead = Math.Min(chunk.Length, _half - _head.Length);
            if (toHead > 0)
            {
                _head.Append(chunk[..toHead]);
                chunk = chunk[toHead..];
            }

            _tail.Append(chunk);

            // Trimming only when the tail doubles keeps appends amortised O(1).
            if (_tail.Length > 2 * (maxChars - _half))
            {
                _tail.Remove(0, _tail.Length - (maxChars - _half));
            }
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            if (_total <= maxChars)
            {
                return string.Concat(_head.ToString(), _tail.ToString());
            }

            var keep = maxChars - _half;
            var tail = _tail.ToString(_tail.Length - keep, keep);
            var cut = _total - maxChars;
            return $"{_head}\n\n… ({cut} characters cut from the middle: output is limited to {maxChars} characters; redirect it to a file and use Read or Grep to see it all) …\n\n{tail}";
        }
    }
}
