namespace AgentBot.Webhooks;

/// <summary>A stored delivery.</summary>
public sealed record InboxItem(
    string DeliveryId,
    string Event,
    string? Action,
    long? InstallationId,
    string? Repository,
    string? Sender,
    string Payload,
    DateTimeOffset ReceivedAt,
    string Status,
    int Attempts,
    string? Note = null);

public static class InboxStatus
{
    public const string Pending = "pending";
    public const string Processing = "processing";
    public const string Routed = "routed";
    public const string Ignored = "ignored";
    public const string Failed = "failed";
}
