using KsQuery.Contracts.Messages;

namespace KsQuery.Modules.Keys.ApiKeys;

/// <summary>Wolverine handler: answers the Usage module's question whether an account may read a team's usage.</summary>
public static class FindTeamMembershipHandler
{
    public static async Task<TeamMembershipLookup> Handle(FindTeamMembership message, IAccountKeyDirectory directory,
        CancellationToken cancellationToken) =>
        new(await directory.IsTeamMemberAsync(message.AccountId, message.TeamId, cancellationToken));
}
