using AgentBot.GitHub;
using AgentBot.Runner.Models;
using AgentBot.Jobs;
using AgentBot.Storage;
using AgentBot.Webhooks;

namespace AgentBot.Hosting;

public static partial class AgentBotBuilder
{
    public static WebApplicationBuilder AddAgentBot(this WebApplicationBuilder builder)
    {
        builder.Services.AddGitHub();
        builder.Services.AddStorage();
        builder.Services.AddSingleton<AgentBot.Runs.RunStore>();
        builder.Services.AddJobs(builder.Configuration);
        builder.Services.AddWebhooks();
        // Model providers are checked at start (names the key); agents' providers when their roster loads.
        builder.Services.AddModels();
        builder.Services.AddOptions<AgentBot.Runner.Models.ModelOptions>().BindConfiguration(AgentBot.Runner.Models.ModelOptions.Section).ValidateOnStart();
        builder.Services.AddProblemDetails();
        builder.Services.AddHostedService<StartupBanner>();
        return builder;
    }

    public static WebApplication UseAgentBot(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.MapHealthChecks("/healthz");
        app.MapWebhookRoutes();
        return app;
    }
}
