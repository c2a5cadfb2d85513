namespace AgentBot.Workflows.Reporting;

/// <summary>
/// Merges a stream of updates so at most one is sent per window, to stay under GitHub's secondary limit of about
/// 80 content-creating requests a minute per installation (design §4, "Quiet and honest"). The first update of a
/// quiet period goes out at once (acknowledge at once); later ones within the window replace each other and the
/// latest is sent when the window ends, or at once by <see cref="FlushAsync"/>. Sends never overlap.
/// </summary>
public sealed class Coalescer<T> : IAsyncDisposable
    where T : class
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(3);

    private readonly Func<T, CancellationToken, Task> _send;
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;

    // Serialises every send, so a first create racing a later edit cannot produce two objects on GitHub.
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly Lock _gate = new();
    private T? _pending;
    private DateTimeOffset? _windowStart;
    private ITimer? _timer;
    private bool _disposed;

    public Coalescer(Func<T, CancellationToken, Task> send, TimeProvider time, TimeSpan? window = null)
    {
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(window ?? DefaultWindow, TimeSpan.Zero);
        _send = send;
        _time = time;
        _window = window ?? DefaultWindow;
    }

    /// <summary>The failure of the last send made by the window's timer: nobody awaits that send, so it is kept here.</summary>
    public Exception? LastError { get; private set; }

    /// <summary>Sent at once when nothing went out in the current window; otherwise kept (the latest wins) until it ends.</summary>
    public async Task UpdateAsync(T value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sendNow = false;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _pending = value;
            var now = _time.GetUtcNow();
            if (_timer is not null)
            {
                // A send is already due at the window's end; it will take this value.
            }
            else if (_windowStart is not { } start || now - start >= _window)
            {
                _windowStart = now;
                sendNow = true;
            }
            else
            {
                _timer = _time.CreateTimer(_ => OnWindowEnd(), null, start + _window - now, Timeout.InfiniteTimeSpan);
            }
        }

        if (sendNow)
        {
            await SendPendingAsync(cancellationToken);
        }
    }

    /// <summary>Sends the pending value now, whatever the window (the end of a run); first waits for a send in flight.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            CancelTimerLocked();
            if (_pending is not null)
            {
                _windowStart = _time.GetUtcNow();
            }
        }

        await SendPendingAsync(cancellationToken);
    }

    /// <summary>
    /// Drops any pending value and runs <paramref name="send"/> at once, when no send is in flight, starting a new
    /// window: a check run's creation counts against it, and its conclusion is never overwritten by late progress.
    /// </summary>
    public async Task SendNowAsync(Func<CancellationToken, Task> send, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(send);
        lock (_gate)
        {
            CancelTimerLocked();
            _pending = null;
        }

        await _sending.WaitAsync(cancellationToken);
        try
        {
            lock (_gate)
            {
                // An update may have slipped in while we waited; this send supersedes it too.
                CancelTimerLocked();
                _pending = null;
                _windowStart = _time.GetUtcNow();
            }

            await send(cancellationToken);
        }
        finally
        {
            _sending.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            CancelTimerLocked();
        }

        // Let a send in flight finish so it does not outlive its client; a pending value is the caller's to flush.
        await _sending.WaitAsync();
        _sending.Release();
    }

    private void CancelTimerLocked()
    {
        _timer?.Dispose();
        _timer = null;
    }

    private void OnWindowEnd()
    {
        lock (_gate)
        {
            CancelTimerLocked();
            if (_disposed)
            {
                return;
            }

            _windowStart = _time.GetUtcNow();
        }

        _ = SendFromTimerAsync();
    }

    private async Task SendFromTimerAsync()
    {
        try
        {
            await SendPendingAsync(CancellationToken.None);
        }
#pragma warning disable CA1031 // Nobody awaits a timer's send: the failure is kept, and the value stays pending for the next flush.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LastError = ex;
        }
    }

    private async Task SendPendingAsync(CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken);
        T? value = null;
        try
        {
            lock (_gate)
            {
                value = _pending;
                _pending = null;
            }

            if (value is null)
            {
                return;
            }

            await _send(value, cancellationToken);
            LastError = null;
        }
        catch when (value is not null)
        {
            // Keep the value unless a newer one arrived meanwhile, so the next update or flush sends it.
            lock (_gate)
            {
                _pending ??= value;
            }

            throw;
        }
        finally
        {
            _sending.Release();
        }
    }
}
