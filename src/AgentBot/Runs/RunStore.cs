using System.Data.Common;
using AgentBot.Storage;

namespace AgentBot.Runs;

/// <summary>
/// Runs and their append-only trail. State changes are conditional updates, so two workers that both
/// fire the same run (a recovery racing a slow node) cannot both start or both finish it.
/// </summary>
public sealed class RunStore(Database database, TimeProvider time)
{
    private const string Columns = "id, delivery_id, repository, installation_id, number, is_pull_request, agent, definition_hash, trigger, decision, state, attempts, max_attempts, node, created_at, started_at, completed_at, conclusion, error, outputs";

    /// <summary>Creates the runs of one delivery in the caller's transaction; one run per (delivery, agent), so routing twice creates nothing new.</summary>
    public async Task<IReadOnlyList<long>> CreateAsync(
        DbConnection connection, DbTransaction transaction, string deliveryId, IReadOnlyList<NewRun> runs, string decisionJson, CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        foreach (var run in runs)
        {
            var id = await connection.Command($"""
                INSERT INTO runs (delivery_id, repository, installation_id, number, is_pull_request, agent, definition_hash, trigger, decision, state, max_attempts, created_at)
                VALUES (@delivery, @repository, @installation, @number, @pr, @agent, @hash, @trigger, @decision, '{RunStates.Queued}', @max, @now)
                ON CONFLICT (delivery_id, agent) DO NOTHING
                RETURNING id
                """, transaction)
                .With("delivery", deliveryId).With("repository", run.Repository).With("installation", run.InstallationId).With("number", run.Number)
                .With("pr", run.IsPullRequest).With("agent", run.Agent).With("hash", run.DefinitionHash).With("trigger", run.Trigger)
                .With("decision", decisionJson).With("max", run.MaxAttempts).With("now", time.GetUtcNow())
                .ExecuteScalarAsync(cancellationToken);
            if (id is not null and not DBNull)
            {
                var runId = Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture);
                ids.Add(runId);
                await AppendAsync(connection, transaction, runId, TrailEvents.Queued, decisionJson, cancellationToken);
            }
        }

        return ids;
    }

    public async Task MarkScheduledAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.Command($"UPDATE runs SET scheduled = @yes WHERE id IN ({string.Join(',', ids)})").With("yes", true).ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Queued runs that no job carries yet (the process stopped between storing and scheduling them).</summary>
    public async Task<IReadOnlyList<long>> UnscheduledAsync(TimeSpan olderThan, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command($"SELECT id FROM runs WHERE state = '{RunStates.Queued}' AND scheduled = @no AND created_at <= @before ORDER BY id LIMIT 500")
            .With("no", false).With("before", time.GetUtcNow() - olderThan).ExecuteReaderAsync(cancellationToken);
        var ids = new List<long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64Value(0));
        }

        return ids;
    }

    /// <summary>
    /// Queued → running, counting the attempt. A recovered firing (its node died) may also take over a run left
    /// running; anything finished is never started again.
    /// </summary>
    public async Task<bool> TryStartAsync(long id, string node, bool recovering, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var changed = await connection.Command($"""
            UPDATE runs SET state = '{RunStates.Running}', attempts = attempts + 1, node = @node, started_at = COALESCE(started_at, @now)
            WHERE id = @id AND (state = '{RunStates.Queued}' OR (state = '{RunStates.Running}' AND @recovering))
            """)
            .With("node", node).With("now", time.GetUtcNow()).With("id", id).With("recovering", recovering)
            .ExecuteNonQueryAsync(cancellationToken);
        return changed == 1;
    }

    /// <summary>Running → completed or failed, once. False when another worker finished it first.</summary>
    public async Task<bool> FinishAsync(long id, string state, string? conclusion, string? error, string? outputs, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.Command($"""
            UPDATE runs SET state = @state, conclusion = @conclusion, error = @error, outputs = @outputs, completed_at = @now
            WHERE id = @id AND state = '{RunStates.Running}'
            """, transaction)
            .With("state", state).With("conclusion", conclusion).With("error", error).With("outputs", outputs).With("now", time.GetUtcNow()).With("id", id)
            .ExecuteNonQueryAsync(cancellationToken);
        if (changed == 1)
        {
            await AppendAsync(connection, transaction, id, state == RunStates.Completed ? TrailEvents.Completed : TrailEvents.Failed,
                TrailJson.Finish(conclusion, error, outputs), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return changed == 1;
    }

    /// <summary>A failed attempt that will be tried again: back to queued.</summary>
    public async Task RequeueAsync(long id, string error, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.Command($"UPDATE runs SET state = '{RunStates.Queued}', error = @error WHERE id = @id AND state = '{RunStates.Running}'")
            .With("error", error).With("id", id).ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task AppendAsync(long runId, string type, string data, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await AppendAsync(connection, null, runId, type, data, cancellationToken);
    }

    public async Task<RunRecord?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command($"SELECT {Columns} FROM runs WHERE id = @id").With("id", id).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<RunRecord>> ListAsync(string? repository, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command($"SELECT {Columns} FROM runs WHERE @repository IS NULL OR repository = @repository ORDER BY id")
            .With("repository", repository).ExecuteReaderAsync(cancellationToken);
        var runs = new List<RunRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(Read(reader));
        }

        return runs;
    }

    public async Task<IReadOnlyList<RunEvent>> EventsAsync(long runId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command("SELECT id, run_id, at, type, data FROM run_events WHERE run_id = @id ORDER BY id")
            .With("id", runId).ExecuteReaderAsync(cancellationToken);
        var events = new List<RunEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new RunEvent(reader.GetInt64Value(0), reader.GetInt64Value(1), reader.GetTime(2), reader.GetString(3), reader.GetString(4)));
        }

        return events;
    }

    /// <summary>The latest completed run's outputs of each agent on one issue or pull request, for <c>skip</c> conditions.</summary>
    public async Task<IReadOnlyDictionary<string, string>> LatestOutputsAsync(string repository, int number, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command($"""
            SELECT agent, outputs FROM runs
            WHERE repository = @repository AND number = @number AND state = '{RunStates.Completed}' AND outputs IS NOT NULL
            ORDER BY id
            """)
            .With("repository", repository).With("number", number).ExecuteReaderAsync(cancellationToken);
        var latest = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            latest[reader.GetString(0)] = reader.GetString(1);
        }

        return latest;
    }

    private async Task AppendAsync(DbConnection connection, DbTransaction? transaction, long runId, string type, string data, CancellationToken cancellationToken) =>
        await connection.Command("INSERT INTO run_events (run_id, at, type, data) VALUES (@run, @at, @type, @data)", transaction)
            .With("run", runId).With("at", time.GetUtcNow()).With("type", type).With("data", data)
            .ExecuteNonQueryAsync(cancellationToken);

    private static RunRecord Read(DbDataReader r) => new(
        r.GetInt64Value(0), r.GetStringOrNull(1), r.GetString(2), r.GetInt64OrNull(3),
        r.GetInt32OrNull(4), r.GetBool(5), r.GetString(6), r.GetString(7), r.GetString(8), r.GetString(9), r.GetString(10),
        r.GetInt32OrNull(11) ?? 0, r.GetInt32OrNull(12) ?? 1, r.GetStringOrNull(13), r.GetTime(14), r.GetTimeOrNull(15), r.GetTimeOrNull(16),
        r.GetStringOrNull(17), r.GetStringOrNull(18), r.GetStringOrNull(19));
}
