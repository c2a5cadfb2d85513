using System.Text.Json.Serialization;

namespace AgentBot.Webhooks.Payloads;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IssuesEvent))]
[JsonSerializable(typeof(IssueCommentEvent))]
[JsonSerializable(typeof(PullRequestEvent))]
[JsonSerializable(typeof(PullRequestReviewEvent))]
[JsonSerializable(typeof(CheckRunEvent))]
[JsonSerializable(typeof(PushEvent))]
[JsonSerializable(typeof(InstallationEvent))]
[JsonSerializable(typeof(InstallationRepositoriesEvent))]
public sealed partial class WebhookJsonContext : JsonSerializerContext;
