namespace AgentBot.Webhooks;

/// <summary>
/// <c>POST /api/github/webhooks</c>. PLACEHOLDER until the webhook intake issue (#4): with GitHub settings
/// missing it answers 503 naming them (design section 6); with them present it answers 501 Not Implemented,
/// so no delivery is ever acknowledged and then lost.
/// </summary>
public static class WebhookRoutes
{
    public const string Path = "/api/github/webhooks";

    public static IEndpointRouteBuilder MapWebhookRoutes(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Path, (IConfiguration configuration) =>
        {
            var missing = MissingGitHubSettings(configuration);
            return missing.Count > 0
                ? Results.Problem(
                    title: "GitHub is not configured",
                    detail: $"AgentBot runs in local mode. Set {string.Join(", ", missing)} to accept webhook deliveries.",
                    statusCode: StatusCodes.Status503ServiceUnavailable)
                : Results.Problem(title: "Webhook intake is not implemented yet", statusCode: StatusCodes.Status501NotImplemented);
        });
        return routes;
    }

    public static IReadOnlyList<string> MissingGitHubSettings(IConfiguration configuration)
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(configuration["GitHub:AppId"]))
        {
            missing.Add("GitHub:AppId");
        }

        if (string.IsNullOrWhiteSpace(configuration["GitHub:PrivateKey"]) && string.IsNullOrWhiteSpace(configuration["GitHub:PrivateKeyPath"]))
        {
            missing.Add("GitHub:PrivateKey or GitHub:PrivateKeyPath");
        }

        if (string.IsNullOrWhiteSpace(configuration["GitHub:WebhookSecret"]))
        {
            missing.Add("GitHub:WebhookSecret");
        }

        return missing;
    }
}
