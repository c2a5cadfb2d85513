namespace AgentBot.Hosting;

/// <summary>Composes the web host: <c>AddAgentBot</c> registers services, <c>UseAgentBot</c> maps routes.</summary>
public static class AgentBotHost
{
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddAgentBot();
        var app = builder.Build();
        app.UseAgentBot();
        return app;
    }
}
