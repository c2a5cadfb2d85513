using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AgentBot.Storage;

/// <summary>
/// The app's database, SQLite (embedded default) or PostgreSQL: opens connections and holds the few
/// statements whose spelling differs between the two. Quartz shares the same database.
/// </summary>
public sealed class Database : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string? _sqlite;

    public Database(IOptions<StorageOptions> options)
    {
        var o = options.Value;
        IsPostgres = o.IsPostgres;
        ConnectionString = o.EffectiveConnectionString;
        if (IsPostgres)
        {
            _postgres = NpgsqlDataSource.Create(ConnectionString);
        }
        else
        {
            var builder = new SqliteConnectionStringBuilder(ConnectionString) { Pooling = true, DefaultTimeout = 30 };
            if (Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { } folder && builder.Mode != SqliteOpenMode.Memory)
            {
                Directory.CreateDirectory(folder);
            }

            _sqlite = builder.ToString();
        }
    }

    public bool IsPostgres { get; }

    public string ConnectionString { get; }

    public string ProviderName => IsPostgres ? StorageOptions.Postgres : StorageOptions.Sqlite;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(_sqlite);
        await connection.OpenAsync(cancellationToken);
        using var pragma = connection.CreateCommand();
        // WAL lets readers work beside the one writer; the busy timeout makes writers queue instead of failing;
        // synchronous=FULL: a delivery answered 202 survives a power cut, not only a crash.
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>Now, as the database writes timestamps (UTC).</summary>
    public string Now => IsPostgres ? "now()" : "strftime('%Y-%m-%dT%H:%M:%fZ','now')";

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}
