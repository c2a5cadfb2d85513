using System.Data.Common;
using AgentBot.Storage;

namespace AgentBot.Webhooks;

/// <summary>
/// The inbox table: every verified delivery, keyed by <c>X-GitHub-Delivery</c>, stored before GitHub gets its 202.
/// Processors claim due deliveries with a lease, so a node that dies mid-way only delays them.
/// </summary>
public sealed class Inbox(Database database, TimeProvider time)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Stores a delivery; false when its id was stored before (a redelivery), which changes nothing.</summary>
    public async Task<bool> StoreAsync(InboxItem item, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var inserted = await connection.Command("""
            INSERT INTO inbox (delivery_id, event, action, installation_id, repository, sender, payload, received_at, status, next_attempt_at, note)
            VALUES (@id, @event, @action, @installation, @repository, @sender, @payload, @received, @status, @received, @note)
            ON CONFLICT (delivery_id) DO NOTHING
            """)
            .With("id", item.DeliveryId).With("event", item.Event).With("action", item.Action).With("installation", item.InstallationId)
            .With("repository", item.Repository).With("sender", item.Sender).With("payload", item.Payload).With("received", item.ReceivedAt)
            .With("status", item.Status).With("note", item.Note)
            .ExecuteNonQueryAsync(cancellationToken);
        return inserted == 1;
    }

    /// <summary>Takes up to <paramref name="count"/> due deliveries (pending, or leased by a node that stopped answering).</summary>
    public async Task<IReadOnlyList<InboxItem>> ClaimAsync(string node, int count, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        // SKIP LOCKED lets several web nodes claim side by side on PostgreSQL; SQLite has one writer anyway.
        var lockClause = database.IsPostgres ? "FOR UPDATE SKIP LOCKED" : string.Empty;
        await using var reader = await connection.Command($"""
            UPDATE inbox SET status = 'processing', locked_by = @node, locked_until = @until, attempts = attempts + 1
            WHERE delivery_id IN (
                SELECT delivery_id FROM inbox
                WHERE (status = 'pending' AND next_attempt_at <= @now) OR (status = 'processing' AND locked_until < @now)
                ORDER BY received_at
                LIMIT @count {lockClause})
            RETURNING delivery_id, event, action, installation_id, repository, sender, payload, received_at, status, attempts
            """)
            .With("node", node).With("until", now + Lease).With("now", now).With("count", count)
            .ExecuteReaderAsync(cancellationToken);
        var items = new List<InboxItem>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(Read(reader));
        }

        return items;
    }

    /// <summary>Releases the leases a previous run of this node held, so a restart picks its deliveries up at once.</summary>
    public async Task<int> ReleaseAsync(string? node, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.Command(node is null
                ? "UPDATE inbox SET status = 'pending', locked_by = NULL, locked_until = NULL WHERE status = 'processing'"
                : "UPDATE inbox SET status = 'pending', locked_by = NULL, locked_until = NULL WHERE status = 'processing' AND locked_by = @node")
            .With("node", node)
            .ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task FinishAsync(string deliveryId, string status, string? note, DbConnection? connection = null, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        var own = connection is null;
        connection ??= await database.OpenAsync(cancellationToken);
        try
        {
            await connection.Command("UPDATE inbox SET status = @status, note = @note, processed_at = @now, locked_by = NULL, locked_until = NULL WHERE delivery_id = @id", transaction)
                .With("status", status).With("note", note).With("now", time.GetUtcNow()).With("id", deliveryId)
                .ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            if (own)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>A transient failure: try again later, or give up after <paramref name="maxAttempts"/>.</summary>
    public async Task RetryLaterAsync(InboxItem item, string error, int maxAttempts, CancellationToken cancellationToken)
    {
        if (item.Attempts >= maxAttempts)
        {
            await FinishAsync(item.DeliveryId, InboxStatus.Failed, $"gave up after {item.Attempts} attempts: {error}", cancellationToken: cancellationToken);
            return;
        }

        var delay = TimeSpan.FromSeconds(Math.Min(600, Math.Pow(2, item.Attempts) * 5));
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.Command("UPDATE inbox SET status = 'pending', next_attempt_at = @next, note = @note, locked_by = NULL, locked_until = NULL WHERE delivery_id = @id")
            .With("next", time.GetUtcNow() + delay).With("note", $"attempt {item.Attempts} failed: {error}").With("id", item.DeliveryId)
            .ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<InboxItem?> GetAsync(string deliveryId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command(
            "SELECT delivery_id, event, action, installation_id, repository, sender, payload, received_at, status, attempts, note FROM inbox WHERE delivery_id = @id")
            .With("id", deliveryId).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) with { Note = reader.GetStringOrNull(10) } : null;
    }

    public async Task<IReadOnlyDictionary<string, int>> CountByStatusAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command("SELECT status, COUNT(*) FROM inbox GROUP BY status").ExecuteReaderAsync(cancellationToken);
        var counts = new Dictionary<string, int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = (int)reader.GetInt64Value(1);
        }

        return counts;
    }

    private static InboxItem Read(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetStringOrNull(2), r.GetInt64OrNull(3), r.GetStringOrNull(4), r.GetStringOrNull(5),
        r.GetString(6), r.GetTime(7), r.GetString(8), r.GetInt32OrNull(9) ?? 0);
}
