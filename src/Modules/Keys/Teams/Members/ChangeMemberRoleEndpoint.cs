using System.Security.Claims;
using System.Text.Json.Nodes;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Audit;
using KsQuery.Modules.Keys.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace KsQuery.Modules.Keys.Teams.Members;

internal static class ChangeMemberRoleEndpoint
{
    public static RouteGroupBuilder MapChangeMemberRole(this RouteGroupBuilder teams)
    {
        teams.MapPatch("/{teamId}/members/{accountId}", ChangeAsync)
            .WithName("ChangeTeamMemberRole")
            .AnswersValidationFailed()
            .Answers(StatusCodes.Status403Forbidden, "forbidden_role")
            .Answers(StatusCodes.Status404NotFound, "team_not_found", "member_not_found")
            .Answers(StatusCodes.Status409Conflict, "last_owner")
            .WithSummary("Change a member's role")
            .WithDescription("`{role}`: `owner`, `admin`, `developer` or `viewer`. Owners and admins change roles (403 " +
                             "`forbidden_role` otherwise); only an owner makes someone an owner or changes an owner's role. A " +
                             "team keeps at least one owner (409 `last_owner`). The new role applies from the member's next request.");
        return teams;
    }

    internal static async Task<Results<Ok<TeamMemberResponse>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        string teamId, string accountId, ChangeMemberRoleRequest request, ClaimsPrincipal user, TeamMembership membership,
        ITeamStore teams, IAccountStore accounts, IAuditTrail audit, CancellationToken cancellationToken)
    {
        var callerId = user.GetAccountId();
        var (team, caller) = await membership.FindAsync(teamId, callerId, cancellationToken);
        if (team is null || caller is null)
            return TeamProblems.NotFound();
        if (TeamRoles.Parse(request.Role) is not { } role)
            return ApiProblems.Invalid("role", TeamRoles.Rule);
        if (!caller.Role.ManagesMembers())
            return TeamProblems.ForbiddenRole("Only owners and admins change roles.");

        var target = await teams.FindMemberAsync(team.Id, accountId, cancellationToken);
        if (target is null)
            return TeamProblems.MemberNotFound();
        if ((target.Role == TeamRole.Owner || role == TeamRole.Owner) && caller.Role != TeamRole.Owner)
            return TeamProblems.ForbiddenRole("Only an owner makes an owner or changes an owner's role.");

        var (result, changed) = await teams.TryChangeRoleAsync(team.Id, accountId, role, cancellationToken);
        switch (result)
        {
            case MemberWrite.NotFound:
                return TeamProblems.MemberNotFound();
            case MemberWrite.LastOwner:
                return TeamProblems.LastOwner();
        }
        if (target.Role != role)
            await audit.RecordAsync(new AuditEvent(AuditActions.TeamMemberRoleChanged, callerId, TeamId: team.Id, SubjectAccountId: accountId,
                Before: new JsonObject { ["role"] = target.Role.ToApi() }, After: new JsonObject { ["role"] = role.ToApi() }), cancellationToken);
        var email = (await accounts.FindByIdAsync(accountId, cancellationToken))?.Email ?? "";
        return TypedResults.Ok(new TeamMemberResponse(changed!.AccountId, email, changed.Role.ToApi(), changed.JoinedAt));
    }
}
