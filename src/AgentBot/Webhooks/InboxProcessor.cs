using System.Data.Common;
using AgentBot.GitHub;
using AgentBot.GitHub.Http;
using AgentBot.Jobs;
using Microsoft.Extensions.Options;

namespace AgentBot.Webhooks;

/// <summary>
/// Routes stored deliveries off the request path: claims due ones, hands each to a fresh
/// <see cref="DeliveryHandler"/> scope, and retries transient failures with backoff. Because it reads from the
/// inbox, a delivery answered 202 just before a crash is routed after the restart.
/// </summary>
public sealed partial class InboxProcessor(
    IServiceScopeFactory scopes, Inbox inbox, InboxSignal signal, IOptions<NodeOptions> node, IOptions<GitHubOptions> gitHub,
    IOptions<Storage.StorageOptions> storage, TimeProvider time, ILogger<InboxProcessor> logger) : BackgroundService
{
    public const int MaxAttempts = 8;
    private const int BatchSize = 16;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!node.Value.IsWeb || gitHub.Value.MissingForWebhooks().Count > 0)
        {
            return;
        }

        // SQLite means one process: whatever it held when it stopped is free now. On PostgreSQL other nodes may
        // still be working, so only this node's own leases are released; the rest expire.
        var released = await inbox.ReleaseAsync(storage.Value.IsPostgres ? node.Value.Id : null, stoppingToken);
        if (released > 0)
        {
            Log.Released(logger, released);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<InboxItem> batch;
            try
            {
                batch = await inbox.ClaimAsync(node.Value.Id, BatchSize, stoppingToken);
            }
            catch (DbException ex)
            {
                Log.ClaimFailed(logger, ex.Message);
                await signal.WaitAsync(PollInterval, time, stoppingToken);
                continue;
            }

            if (batch.Count == 0)
            {
                await signal.WaitAsync(PollInterval, time, stoppingToken);
                continue;
            }

            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = stoppingToken }, ProcessAsync);
        }
    }

    private async ValueTask ProcessAsync(InboxItem item, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        using var _ = logger.BeginScope(new Dictionary<string, object> { ["DeliveryId"] = item.DeliveryId, ["Repository"] = item.Repository ?? "-" });
        try
        {
            await scope.ServiceProvider.GetRequiredService<DeliveryHandler>().HandleAsync(item, cancellationToken);
        }
        catch (Exception ex) when (IsTransient(ex) && !cancellationToken.IsCancellationRequested)
        {
            Log.WillRetry(logger, item.DeliveryId, item.Attempts, ex.Message);
            await inbox.RetryLaterAsync(item, ex.Message, MaxAttempts, CancellationToken.None);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.Failed(logger, ex, item.DeliveryId);
            await inbox.FinishAsync(item.DeliveryId, InboxStatus.Failed, $"{ex.GetType().Name}: {ex.Message}", cancellationToken: CancellationToken.None);
        }
    }

    private static bool IsTransient(Exception ex) => ex switch
    {
        GitHubApiException api => (int)api.Status >= 500 || (int)api.Status is 403 or 429 or 408,
        HttpRequestException or TimeoutException or DbException => true,
        _ => false,
    };

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Released {Count} deliveries this node held when it last stopped")]
        public static partial void Released(ILogger logger, int count);

        [LoggerMessage(2, LogLevel.Warning, "Could not claim deliveries: {Error}")]
        public static partial void ClaimFailed(ILogger logger, string error);

        [LoggerMessage(3, LogLevel.Warning, "Delivery {DeliveryId} attempt {Attempt} failed, will retry: {Error}")]
        public static partial void WillRetry(ILogger logger, string deliveryId, int attempt, string error);

        [LoggerMessage(4, LogLevel.Error, "Delivery {DeliveryId} failed and will not be retried")]
        public static partial void Failed(ILogger logger, Exception exception, string deliveryId);
    }
}
