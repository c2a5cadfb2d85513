using AgentBot.GitHub;
using AgentBot.Webhooks;

namespace AgentBot.Hosting;

public static partial class AgentBotBuilder
{
    public static WebApplicationBuilder AddAgentBot(this WebApplicationBuilder builder)
    {
        builder.Services.AddGitHub();
        builder.Services.AddHealthChecks();
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
