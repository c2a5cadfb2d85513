using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AgentBot.Storage;

public sealed class DatabaseHealthCheck(Database database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await connection.Command("SELECT 1").ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{database.ProviderName} answers");
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"{database.ProviderName} does not answer: {ex.Message}");
        }
    }
}
