using KsQuery.Modules.Keys.Teams;

namespace KsQuery.Modules.Keys.Storage;

/// <summary>A team: a shared owner of keys (a team key's <see cref="ApiKeyRecord.AccountId"/> is the team's id).</summary>
internal sealed record TeamRecord(string Id, string Name, string CreatedBy, DateTimeOffset CreatedAt);

internal sealed record TeamMemberRecord(string TeamId, string AccountId, TeamRole Role, DateTimeOffset JoinedAt);

/// <summary>An invitation to join a team. Only the SHA-256 of its token is kept (the token carries 256 random bits, so a
/// fast hash is enough: nobody can guess one to grind).</summary>
internal sealed record TeamInvitationRecord(
    string Id,
    string TeamId,
    string Email,
    string NormalizedEmail,
    TeamRole Role,
    string TokenHash,
    string InvitedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? AcceptedAt = null,
    string? AcceptedBy = null)
{
    public bool IsPendingAt(DateTimeOffset now) => AcceptedAt is null && ExpiresAt > now;
}
