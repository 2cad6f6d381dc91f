using System.Security.Claims;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace KsQuery.Modules.Keys.Teams.Get;

internal static class GetTeamEndpoint
{
    public static RouteGroupBuilder MapGetTeam(this RouteGroupBuilder teams)
    {
        teams.MapGet("/{teamId}", GetAsync)
            .WithName("GetTeam")
            .Answers(StatusCodes.Status404NotFound, "team_not_found")
            .WithSummary("Read a team")
            .WithDescription("The team, your `role`, its `members` (account id, email, role, when they joined) and, for owners " +
                             "and admins, its pending `invitations` (without their tokens). A team you are not a member of " +
                             "answers 404 `team_not_found`, like an unknown id.");
        return teams;
    }

    internal static async Task<Results<Ok<TeamDetailsResponse>, ProblemHttpResult>> GetAsync(
        string teamId, ClaimsPrincipal user, TeamMembership membership, ITeamStore teams, IAccountStore accounts, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (team, caller) = await membership.FindAsync(teamId, user.GetAccountId(), cancellationToken);
        if (team is null || caller is null)
            return TeamProblems.NotFound();

        var members = new List<TeamMemberResponse>();
        foreach (var member in await teams.MembersAsync(team.Id, cancellationToken))
        {
            var email = (await accounts.FindByIdAsync(member.AccountId, cancellationToken))?.Email ?? "";
            members.Add(new TeamMemberResponse(member.AccountId, email, member.Role.ToApi(), member.JoinedAt));
        }

        List<TeamInvitationResponse>? invitations = null;
        if (caller.Role.ManagesMembers())
        {
            var now = time.GetUtcNow();
            invitations = (await teams.InvitationsAsync(team.Id, cancellationToken))
                .Where(i => i.IsPendingAt(now))
                .OrderBy(i => i.CreatedAt)
                .Select(i => new TeamInvitationResponse(i.Id, i.Email, i.Role.ToApi(), i.InvitedBy, i.CreatedAt, i.ExpiresAt))
                .ToList();
        }

        return TypedResults.Ok(new TeamDetailsResponse(team.Id, team.Name, caller.Role.ToApi(), team.CreatedAt,
            members.OrderBy(m => m.JoinedAt).ThenBy(m => m.AccountId, StringComparer.Ordinal).ToList(), invitations));
    }
}
