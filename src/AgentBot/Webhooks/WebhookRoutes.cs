namespace AgentBot.Webhooks;

/// <summary><c>POST /api/github/webhooks</c>: verify, store, 202. Routing happens later, off the request path.</summary>
public static class WebhookRoutes
{
    public const string Path = "/api/github/webhooks";

    public static IEndpointRouteBuilder MapWebhookRoutes(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Path, (HttpContext context, WebhookReceiver receiver) => receiver.ReceiveAsync(context))
            .DisableAntiforgery()
            .WithName("GitHubWebhook");
        return routes;
    }
}
