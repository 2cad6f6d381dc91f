namespace KsQuery.Modules.Keys.Teams.Invitations;

internal sealed record AcceptInvitationRequest(string? Token);
