using KsQuery.Contracts.Http;
using KsQuery.Contracts.Messages;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine;

namespace KsQuery.Modules.Usage.Queries;

/// <summary>Whose keys a usage read covers: the caller's own, or with <c>teamId</c> a team's the caller is a member of
/// (any role). Usage is recorded under the key's owner: the account, or the team.</summary>
internal static class UsageScope
{
    public const string TeamIdDescription = " With `teamId`: that team's keys instead, for any member of the team (404 " +
        "`team_not_found` for a team you are not in).";

    public static async Task<(string? OwnerId, ProblemHttpResult? Problem)> ResolveAsync(IMessageBus bus, string accountId, string? teamId,
        CancellationToken cancellationToken)
    {
        if (teamId is null)
            return (accountId, null);
        var lookup = await bus.InvokeAsync<TeamMembershipLookup>(new FindTeamMembership(accountId, teamId), cancellationToken);
        return lookup.IsMember
            ? (teamId, null)
            : (null, ApiProblems.NotFound("team_not_found", "You are not a member of a team with this id."));
    }
}
