namespace AgentBot.Webhooks;

/// <summary>Wakes the inbox processor when a delivery arrives, so routing starts at once instead of at the next poll.</summary>
public sealed class InboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up covers every delivery stored since.
        }
    }

    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, cts.Token);
        var wake = _signal.WaitAsync(cts.Token);
        await Task.WhenAny(delay, wake);
        await cts.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
