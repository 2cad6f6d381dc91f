namespace KsQuery.Modules.Keys.Storage;

/// <summary>A team that went with its only member's deleted account: gone from the teams (with its members and
/// invitations), its revoked keys and usage kept until <paramref name="PurgeAt"/>.</summary>
internal sealed record DisbandedTeam(string Id, DateTimeOffset DisbandedAt, DateTimeOffset PurgeAt);
