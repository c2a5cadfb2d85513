using Microsoft.Extensions.Options;

namespace AgentBot.Storage;

public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!string.Equals(options.Provider, StorageOptions.Sqlite, StringComparison.OrdinalIgnoreCase) && !options.IsPostgres)
        {
            return ValidateOptionsResult.Fail($"Storage:Provider must be '{StorageOptions.Sqlite}' or '{StorageOptions.Postgres}', got '{options.Provider}'.");
        }

        if (options.IsPostgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail("ConnectionStrings:AgentBot is required when Storage:Provider is 'postgres'.");
        }

        try
        {
            _ = options.IsPostgres
                ? new Npgsql.NpgsqlConnectionStringBuilder(options.EffectiveConnectionString).Host
                : new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.EffectiveConnectionString).DataSource;
        }
        catch (ArgumentException ex)
        {
            // The message names the bad keyword; the connection string itself may hold a password, so it is not echoed.
            return ValidateOptionsResult.Fail($"ConnectionStrings:AgentBot is not a valid {options.Provider} connection string: {ex.Message}");
        }

        return ValidateOptionsResult.Success;
    }
}
