using System.Data.Common;
using System.Globalization;

namespace AgentBot.Storage;

/// <summary>Small ADO.NET helpers: parameters, and timestamps that sort in both databases.</summary>
public static class DbExtensions
{
    private const string SqliteTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static DbCommand Command(this DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value switch
        {
            null => DBNull.Value,
            // SQLite keeps time as fixed-width ISO text, so ordering and comparison work as text.
            DateTimeOffset t when command is Microsoft.Data.Sqlite.SqliteCommand => t.UtcDateTime.ToString(SqliteTimeFormat, CultureInfo.InvariantCulture),
            DateTimeOffset t => t.ToUniversalTime(),
            _ => value,
        };
        command.Parameters.Add(parameter);
        return command;
    }

    public static DateTimeOffset GetTime(this DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        DateTimeOffset t => t,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        var other => throw new InvalidCastException($"Cannot read {other.GetType().Name} as a time."),
    };

    public static DateTimeOffset? GetTimeOrNull(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetTime(ordinal);

    public static string? GetStringOrNull(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>An integer column, whatever width the provider reads it as (SQLite: Int64; PostgreSQL: per column type).</summary>
    public static long GetInt64Value(this DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public static long? GetInt64OrNull(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64Value(ordinal);

    public static int? GetInt32OrNull(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    /// <summary>SQLite stores booleans as integers.</summary>
    public static bool GetBool(this DbDataReader reader, int ordinal) => Convert.ToBoolean(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
