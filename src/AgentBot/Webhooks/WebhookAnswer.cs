using System.Text.Json.Serialization;

namespace AgentBot.Webhooks;

/// <summary>What GitHub reads back (and shows in the app's "Recent Deliveries"): the delivery and what became of it.</summary>
public sealed record WebhookAnswer(string Delivery, string Status);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(WebhookAnswer))]
public sealed partial class WebhookAnswerJsonContext : JsonSerializerContext;
