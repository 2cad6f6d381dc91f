using System.Security.Claims;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Audit;
using KsQuery.Modules.Keys.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace KsQuery.Modules.Keys.Teams.Members;

internal static class RemoveMemberEndpoint
{
    public static RouteGroupBuilder MapRemoveMember(this RouteGroupBuilder teams)
    {
        teams.MapDelete("/{teamId}/members/{accountId}", RemoveAsync)
            .WithName("RemoveTeamMember")
            .Answers(StatusCodes.Status403Forbidden, "forbidden_role")
            .Answers(StatusCodes.Status404NotFound, "team_not_found", "member_not_found")
            .Answers(StatusCodes.Status409Conflict, "last_owner")
            .WithSummary("Remove a member, or leave a team")
            .WithDescription("Owners and admins remove members (403 `forbidden_role` otherwise; only an owner removes an owner); " +
                             "any member removes themselves to leave. A team keeps at least one owner (409 `last_owner`). " +
                             "Answers 204. The removal takes effect at the member's next request: the team and its keys then " +
                             "answer them 404. The team's keys keep working; revoke or roll those the member knew.");
        return teams;
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        string teamId, string accountId, ClaimsPrincipal user, TeamMembership membership, ITeamStore teams, IAuditTrail audit,
        CancellationToken cancellationToken)
    {
        var callerId = user.GetAccountId();
        var (team, caller) = await membership.FindAsync(teamId, callerId, cancellationToken);
        if (team is null || caller is null)
            return TeamProblems.NotFound();

        if (accountId != callerId)
        {
            if (!caller.Role.ManagesMembers())
                return TeamProblems.ForbiddenRole("Only owners and admins remove members; you can remove yourself to leave.");
            var target = await teams.FindMemberAsync(team.Id, accountId, cancellationToken);
            if (target is null)
                return TeamProblems.MemberNotFound();
            if (target.Role == TeamRole.Owner && caller.Role != TeamRole.Owner)
                return TeamProblems.ForbiddenRole("Only an owner removes an owner.");
        }

        switch (await teams.TryRemoveAsync(team.Id, accountId, cancellationToken))
        {
            case MemberWrite.NotFound:
                return TeamProblems.MemberNotFound();
            case MemberWrite.LastOwner:
                return TeamProblems.LastOwner();
        }
        await audit.RecordAsync(new AuditEvent(AuditActions.TeamMemberRemoved, callerId, TeamId: team.Id, SubjectAccountId: accountId),
            cancellationToken);
        return TypedResults.NoContent();
    }
}
