namespace KsQuery.Modules.Keys.Teams.Members;

internal sealed record ChangeMemberRoleRequest(string? Role);
