namespace AgentBot.Storage;

/// <summary>Migrates the database before anything else starts, so the first delivery finds its tables.</summary>
public sealed class DatabaseInitializer(Migrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
