using System.Text.Json.Serialization;

namespace AgentBot.GitHub.Models;

// Wire shapes of GitHub's REST API: only the fields AgentBot reads. Names map by snake_case.

public sealed record Account(string Login, long Id, string? Type)
{
    public bool IsBot => string.Equals(Type, "Bot", StringComparison.Ordinal) || Login.EndsWith("[bot]", StringComparison.Ordinal);
}

public sealed record AppReference(long Id, string? Slug);

public sealed record AccessTokenResponse(string Token, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"AccessTokenResponse {{ Token = ***, ExpiresAt = {ExpiresAt:O} }}";
}

public sealed record ShaReference(string Sha);

/// <summary>Constant spellings GitHub uses; strings rather than enums so an unknown new value never breaks reading.</summary>
public static class CollaboratorPermissions
{
    public const string Admin = "admin";
    public const string Maintain = "maintain";
    public const string Write = "write";
    public const string Triage = "triage";
    public const string Read = "read";
    public const string None = "none";
}

public sealed record CollaboratorPermission(string Permission, string? RoleName, Account? User)
{
    /// <summary>Write, maintain or admin: who may run <c>/agent</c> commands (design section 4).</summary>
    [JsonIgnore]
    public bool CanWrite => Permission is CollaboratorPermissions.Admin or CollaboratorPermissions.Maintain or CollaboratorPermissions.Write
        || RoleName is "admin" or "maintain" or "write";
}
