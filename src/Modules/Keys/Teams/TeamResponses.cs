using System.Text.Json.Serialization;

namespace KsQuery.Modules.Keys.Teams;

/// <summary>A team as the caller sees it, with the caller's <c>role</c> in it.</summary>
internal sealed record TeamResponse(string Id, string Name, string Role, DateTimeOffset CreatedAt);

/// <summary>A team with its members; <c>invitations</c> (pending ones) only for owners and admins.</summary>
internal sealed record TeamDetailsResponse(
    string Id,
    string Name,
    string Role,
    DateTimeOffset CreatedAt,
    IReadOnlyList<TeamMemberResponse> Members,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TeamInvitationResponse>? Invitations = null);

internal sealed record TeamMemberResponse(string AccountId, string Email, string Role, DateTimeOffset JoinedAt);

/// <summary>A pending invitation, without its token (the inviter saw it once).</summary>
internal sealed record TeamInvitationResponse(string Id, string Email, string Role, string InvitedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>A new invitation: the only answer that carries its <c>token</c>.</summary>
internal sealed record CreatedInvitationResponse(string Id, string TeamId, string Email, string Role, string Token, DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt);
