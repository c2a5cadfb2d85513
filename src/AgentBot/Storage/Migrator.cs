using System.Data.Common;
using System.Reflection;

namespace AgentBot.Storage;

/// <summary>
/// Applies the versioned SQL scripts in Storage/Migrations/&lt;provider&gt;/ at start, each once, in order,
/// recorded in <c>agentbot_schema</c>. Several processes starting together on PostgreSQL take turns
/// through an advisory lock; SQLite serialises them with an immediate transaction.
/// </summary>
public sealed partial class Migrator(Database database, TimeProvider time, ILogger<Migrator> logger)
{
    private const long AdvisoryLockKey = 0x4167_656e_7442_6f74; // "AgentBot"

    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts(string provider)
    {
        var assembly = typeof(Migrator).Assembly;
        var prefix = $"AgentBot.Migrations.{provider}/";
        return [.. assembly.GetManifestResourceNames()
            .Select(n => n.Replace('\\', '/'))
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => (Name: n[prefix.Length..^4], Resource: n))
            .Select(s => (int.Parse(s.Name[..3], System.Globalization.CultureInfo.InvariantCulture), s.Name, Read(assembly, s.Resource)))
            .OrderBy(s => s.Item1)];
    }

    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (database.IsPostgres)
        {
            await connection.Command("SELECT pg_advisory_lock(@key)").With("key", AdvisoryLockKey).ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await connection.Command(database.IsPostgres
                ? "CREATE TABLE IF NOT EXISTS agentbot_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
                : "CREATE TABLE IF NOT EXISTS agentbot_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
                .ExecuteNonQueryAsync(cancellationToken);
            var applied = new HashSet<int>();
            await using (var reader = await connection.Command("SELECT version FROM agentbot_schema").ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add((int)reader.GetInt64Value(0));
                }
            }

            var count = 0;
            foreach (var (version, name, sql) in Scripts(database.ProviderName).Where(s => !applied.Contains(s.Version)))
            {
                await ApplyAsync(connection, version, name, sql, cancellationToken);
                count++;
            }

            Log.Migrated(logger, database.ProviderName, count, applied.Count + count);
            return count;
        }
        finally
        {
            if (database.IsPostgres)
            {
                await connection.Command("SELECT pg_advisory_unlock(@key)").With("key", AdvisoryLockKey).ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
    }

    private async Task ApplyAsync(DbConnection connection, int version, string name, string sql, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.Command(sql, transaction).ExecuteNonQueryAsync(cancellationToken);
        await connection.Command("INSERT INTO agentbot_schema (version, name, applied_at) VALUES (@version, @name, @at)", transaction)
            .With("version", version).With("name", name).With("at", time.GetUtcNow())
            .ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource) ?? throw new InvalidOperationException($"Missing migration {resource}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Database ({Provider}) migrated: {Applied} new migrations, schema version count {Total}")]
        public static partial void Migrated(ILogger logger, string provider, int applied, int total);
    }
}
