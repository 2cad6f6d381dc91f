namespace KsQuery.Modules.Keys.Teams;

/// <summary>A team named in a <c>team_owner_required</c> problem: the caller is its last owner and it has other members.</summary>
internal sealed record OwnedTeam(string Id, string Name);
