namespace AgentBot.Storage;

/// <summary><c>Storage:Provider</c> and <c>ConnectionStrings:AgentBot</c> (design section 6).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>The embedded default: one file for the app's tables and Quartz's, created on start.</summary>
    public const string DefaultSqlite = "Data Source=data/agentbot.db";

    public string Provider { get; set; } = Sqlite;

    /// <summary>Bound from <c>ConnectionStrings:AgentBot</c>, not from this section.</summary>
    public string? ConnectionString { get; set; }

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    public string EffectiveConnectionString => string.IsNullOrWhiteSpace(ConnectionString) && !IsPostgres ? DefaultSqlite : ConnectionString!;
}
