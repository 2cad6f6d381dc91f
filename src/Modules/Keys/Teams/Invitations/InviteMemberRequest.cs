namespace KsQuery.Modules.Keys.Teams.Invitations;

internal sealed record InviteMemberRequest(string? Email, string? Role);
