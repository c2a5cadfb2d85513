using AgentBot.Agents;

namespace AgentBot.Webhooks;

public static class WebhookExtensions
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddSingleton<Inbox>();
        services.AddSingleton<InboxSignal>();
        services.AddSingleton<WebhookReceiver>();
        services.AddSingleton<RosterProvider>();
        services.AddSingleton<AgentsCheck>();
        services.AddScoped<DeliveryHandler>();
        services.AddHostedService<InboxProcessor>();
        return services;
    }
}
