using KsQuery.Modules.Keys.Storage;

namespace KsQuery.Modules.Keys.Teams;

/// <summary>Who is in which team, read from the store on every request: a removed member loses access at their next
/// request.</summary>
internal sealed class TeamMembership(ITeamStore teams)
{
    /// <summary>The team and the caller's membership, or nulls when the caller is not in it (or it does not exist).</summary>
    public async Task<(TeamRecord? Team, TeamMemberRecord? Caller)> FindAsync(string teamId, string accountId, CancellationToken cancellationToken)
    {
        var member = await teams.FindMemberAsync(teamId, accountId, cancellationToken);
        if (member is null)
            return (null, null);
        var team = await teams.FindAsync(teamId, cancellationToken);
        return team is null ? (null, null) : (team, member);
    }
}
