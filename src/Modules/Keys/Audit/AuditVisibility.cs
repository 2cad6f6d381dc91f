using KsQuery.Modules.Keys.Teams;
using KsQuery.Modules.Keys.Storage;

namespace KsQuery.Modules.Keys.Audit;

/// <summary>The one rule for which audit entries an account sees: its own actions, actions done to it, and everything that
/// concerns its keys (revoked ones included: key ids are never reused), and, for the owners and admins of a team, everything
/// done in that team (its members and its keys). Developers and viewers see their own actions in it only.</summary>
internal sealed class AuditVisibility(IApiKeyStore keys, ITeamStore teams)
{
    public async Task<AuditScope> ForAsync(string accountId, CancellationToken cancellationToken)
    {
        var owned = await keys.ListByAccountAsync(accountId, cancellationToken);
        var managed = (await teams.MembershipsAsync(accountId, cancellationToken))
            .Where(m => m.Role is TeamRole.Owner or TeamRole.Admin)
            .Select(m => m.TeamId);
        return new AuditScope(
            new HashSet<string>(StringComparer.Ordinal) { accountId },
            owned.Select(k => k.Id).ToHashSet(StringComparer.Ordinal),
            managed.ToHashSet(StringComparer.Ordinal));
    }
}
