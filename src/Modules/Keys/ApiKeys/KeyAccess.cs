using KsQuery.Modules.Keys.Storage;
using KsQuery.Modules.Keys.Teams;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KsQuery.Modules.Keys.ApiKeys;

/// <summary>What a caller wants to do with a key: each needs a role when the key is a team's.</summary>
internal enum KeyAction
{
    /// <summary>Read it masked, read its usage: every member.</summary>
    Read,

    /// <summary>Create, edit, roll, revoke: owners, admins and developers.</summary>
    Manage,

    /// <summary>Show a recoverable key's plaintext: owners and admins, and the developer who issued it.</summary>
    Reveal,
}

/// <summary>Decides whether the caller may act on a key or in a team. Personal keys: only their account (others get 404
/// <c>key_not_found</c>, as before teams). A team's keys: members by role (403 <c>forbidden_role</c>), anyone else 404.
/// Membership is read from the store on each request, so a removed member is refused at their next one.</summary>
internal sealed class KeyAccess(IApiKeyStore keys, ITeamStore teams)
{
    public async Task<(ApiKeyRecord? Key, ProblemHttpResult? Problem)> KeyAsync(string keyId, string accountId, KeyAction action,
        CancellationToken cancellationToken)
    {
        var key = await keys.FindAsync(keyId, cancellationToken);
        if (key is null)
            return (null, ApiKeyProblems.NotFound());
        if (key.TeamId is null)
            return key.AccountId == accountId ? (key, null) : (null, ApiKeyProblems.NotFound());

        var member = await teams.FindMemberAsync(key.TeamId, accountId, cancellationToken);
        if (member is null)
            return (null, ApiKeyProblems.NotFound());
        return Allows(member.Role, action, issuedByCaller: key.CreatedBy == accountId)
            ? (key, null)
            : (null, TeamProblems.ForbiddenRole(Refusal(action)));
    }

    /// <summary>The owner a key is created or listed for: the caller, or the team <paramref name="teamId"/> when given
    /// (404 <c>team_not_found</c> for a team the caller is not in).</summary>
    public async Task<(string? OwnerId, ProblemHttpResult? Problem)> OwnerAsync(string? teamId, string accountId, KeyAction action,
        CancellationToken cancellationToken)
    {
        if (teamId is null)
            return (accountId, null);
        var member = await teams.FindMemberAsync(teamId, accountId, cancellationToken);
        if (member is null || await teams.FindAsync(teamId, cancellationToken) is null)
            return (null, TeamProblems.NotFound());
        return Allows(member.Role, action, issuedByCaller: false) ? (teamId, null) : (null, TeamProblems.ForbiddenRole(Refusal(action)));
    }

    private static bool Allows(TeamRole role, KeyAction action, bool issuedByCaller) => action switch
    {
        KeyAction.Read => true,
        KeyAction.Manage => role.ManagesKeys(),
        _ => role.ManagesMembers() || (role == TeamRole.Developer && issuedByCaller),
    };

    private static string Refusal(KeyAction action) => action switch
    {
        KeyAction.Manage => "Viewers see a team's keys and usage; creating, editing, rolling and revoking keys needs the developer role or higher.",
        _ => "Revealing a team's key needs the owner or admin role, or a developer who issued it.",
    };
}
