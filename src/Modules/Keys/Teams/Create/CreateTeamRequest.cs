namespace KsQuery.Modules.Keys.Teams.Create;

internal sealed record CreateTeamRequest(string? Name);
