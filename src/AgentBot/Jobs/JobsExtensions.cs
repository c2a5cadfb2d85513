using AgentBot.Storage;
using Microsoft.Extensions.Options;
using Quartz;

namespace AgentBot.Jobs;

public static class JobsExtensions
{
    /// <summary>
    /// Quartz with its durable store in the app's own database: SQLite by default, PostgreSQL clustered when
    /// configured, so several workers share the runs and a dead node's runs are recovered by another.
    /// A worker (or all) starts the scheduler; a web-only node keeps it in standby and only schedules.
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NodeOptions>().BindConfiguration(NodeOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NodeOptions>, NodeOptionsValidator>();
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section);

        var node = configuration.GetSection(NodeOptions.Section).Get<NodeOptions>() ?? new NodeOptions();
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        storage.ConnectionString ??= configuration.GetConnectionString("AgentBot");
        var jobs = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();

        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "agentbot";
                // Clustered nodes need distinct ids; the default id opts out of clustering, which SQLite wants.
                if (storage.IsPostgres)
                {
                    s.InstanceId = node.Id;
                }

                s.IdleWaitTime = TimeSpan.FromSeconds(1);
            });
            q.UseDefaultThreadPool(Math.Max(1, jobs.Concurrency));
            q.UsePersistentStore(store =>
            {
                store.UseSystemTextJsonSerializer();
                if (storage.IsPostgres)
                {
                    store.UsePostgres(storage.EffectiveConnectionString);
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(5);
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(15);
                    });
                }
                else
                {
                    // Microsoft.Data.Sqlite waits up to this many seconds for the app's writes instead of failing busy.
                    store.UseSqlite(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(storage.EffectiveConnectionString) { DefaultTimeout = 30 }.ToString());
                }

                store.ProvisionSchema();
            });
            // Healthy when running and reaching its store; degraded (still 200) while a web node keeps it in standby.
            q.AddQuartzHealthChecks(_ => { });
        });
        services.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true;
            o.AutoStart = node.IsWorker;
            // Started before the host answers requests, so /healthz never sees a scheduler that is still to start.
            o.AwaitApplicationStarted = false;
        });
        services.AddSingleton<RunScheduler>();
        services.AddHostedService<UnscheduledRunsSweeper>();
        return services;
    }
}
