using System.Net.Http.Headers;
using System.Text;
using AgentBot.Webhooks;

namespace AgentBot.Tests.Infrastructure;

/// <summary>Sends a delivery the way GitHub does: its headers and an HMAC-SHA256 signature of the exact body.</summary>
public static class Deliveries
{
    public static HttpRequestMessage Signed(string eventName, string json, string? deliveryId = null, string secret = AgentBotFactory.WebhookSecret)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var request = Unsigned(eventName, body, deliveryId);
        request.Headers.Add("X-Hub-Signature-256", WebhookSignature.Sign(body, secret));
        return request;
    }

    public static HttpRequestMessage Unsigned(string eventName, byte[] body, string? deliveryId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, WebhookRoutes.Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", deliveryId ?? Guid.NewGuid().ToString());
        request.Headers.Add("X-GitHub-Hook-ID", "1");
        request.Headers.UserAgent.ParseAdd("GitHub-Hookshot/abc123");
        return request;
    }
}
