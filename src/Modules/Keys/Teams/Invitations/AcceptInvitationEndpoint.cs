using System.Security.Claims;
using System.Text.Json.Nodes;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Audit;
using KsQuery.Modules.Keys.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace KsQuery.Modules.Keys.Teams.Invitations;

internal static class AcceptInvitationEndpoint
{
    public static RouteGroupBuilder MapAcceptInvitation(this RouteGroupBuilder invitations)
    {
        invitations.MapPost("/accept", AcceptAsync)
            .WithName("AcceptTeamInvitation")
            .AnswersValidationFailed()
            .Answers(StatusCodes.Status403Forbidden, "invitation_for_another_account")
            .Answers(StatusCodes.Status404NotFound, "invitation_not_found")
            .Answers(StatusCodes.Status409Conflict, "invitation_used", "invitation_expired", "already_member")
            .WithSummary("Accept a team invitation")
            .WithDescription("Joins the team of the invitation `token` with the role it names and answers the team with your " +
                             "`role`. Only the account whose email the invitation names can accept it (403 " +
                             "`invitation_for_another_account`); an unknown token answers 404 `invitation_not_found`; a token " +
                             "is accepted once (409 `invitation_used`) and before it expires (409 `invitation_expired`); 409 " +
                             "`already_member` when you are in the team already.");
        return invitations;
    }

    internal static async Task<Results<Ok<TeamResponse>, ValidationProblem, ProblemHttpResult>> AcceptAsync(
        AcceptInvitationRequest request, ClaimsPrincipal user, ITeamStore teams, IAccountStore accounts, IAuditTrail audit,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Token))
            return ApiProblems.Invalid("token", "token is required.");

        var accountId = user.GetAccountId();
        var invitation = request.Token.Length > InvitationToken.MaxLength
            ? null
            : await teams.FindInvitationByTokenHashAsync(InvitationToken.Hash(request.Token.Trim()), cancellationToken);
        var team = invitation is null ? null : await teams.FindAsync(invitation.TeamId, cancellationToken);
        if (invitation is null || team is null)
            return ApiProblems.NotFound("invitation_not_found", "No invitation has this token.");

        var account = await accounts.FindByIdAsync(accountId, cancellationToken);
        if (account is null)
            return ApiProblems.Unauthorized("unauthenticated", "The account of this access token no longer exists.");
        if (account.NormalizedEmail != invitation.NormalizedEmail)
            return ApiProblems.Problem(StatusCodes.Status403Forbidden, "invitation_for_another_account", "Forbidden",
                "This invitation is for another email address: log in with the account it was sent to.");
        if (invitation.AcceptedAt is not null)
            return Used();
        var now = time.GetUtcNow();
        if (invitation.ExpiresAt <= now)
            return ApiProblems.Conflict("invitation_expired", "This invitation has expired: ask for a new one.");

        switch (await teams.TryAcceptAsync(invitation.Id, new TeamMemberRecord(team.Id, accountId, invitation.Role, now), cancellationToken))
        {
            case InvitationAcceptance.AlreadyAccepted:
                return Used();
            case InvitationAcceptance.AlreadyMember:
                return TeamProblems.AlreadyMember();
            case InvitationAcceptance.TeamGone:
                return ApiProblems.NotFound("invitation_not_found", "No invitation has this token.");
        }
        await audit.RecordAsync(new AuditEvent(AuditActions.TeamInvitationAccepted, accountId, TeamId: team.Id,
            SubjectAccountId: accountId, After: new JsonObject { ["role"] = invitation.Role.ToApi() }), cancellationToken);
        return TypedResults.Ok(new TeamResponse(team.Id, team.Name, invitation.Role.ToApi(), team.CreatedAt));
    }

    private static ProblemHttpResult Used() => ApiProblems.Conflict("invitation_used", "This invitation has been accepted already.");
}
