using System.Security.Claims;
using System.Text.Json.Nodes;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Accounts;
using KsQuery.Modules.Keys.Audit;
using KsQuery.Modules.Keys.Configuration;
using KsQuery.Modules.Keys.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.Teams.Invitations;

internal static class InviteMemberEndpoint
{
    public static RouteGroupBuilder MapInviteMember(this RouteGroupBuilder teams)
    {
        teams.MapPost("/{teamId}/invitations", InviteAsync)
            .WithName("InviteTeamMember")
            .AnswersValidationFailed()
            .Answers(StatusCodes.Status403Forbidden, "forbidden_role")
            .Answers(StatusCodes.Status404NotFound, "team_not_found")
            .Answers(StatusCodes.Status409Conflict, "already_member")
            .WithSummary("Invite someone to a team")
            .WithDescription("Owners and admins invite by `email` with a `role` (`owner`, `admin`, `developer` or `viewer`; only " +
                             "an owner invites an owner), else 403 `forbidden_role`. The answer carries the invitation `token` " +
                             "once (no mail is sent: hand it to the invitee, who accepts it with `POST /v1/invitations/accept` " +
                             "while logged in with that email). The token holds 256 random bits, only its hash is stored, and it " +
                             "expires after `Keys:InvitationLifetime` (default 7 days). 409 `already_member` when the account " +
                             "with that email is in the team already.");
        return teams;
    }

    internal static async Task<Results<Created<CreatedInvitationResponse>, ValidationProblem, ProblemHttpResult>> InviteAsync(
        string teamId, InviteMemberRequest request, ClaimsPrincipal user, TeamMembership membership, ITeamStore teams,
        IAccountStore accounts, IAuditTrail audit, IOptions<KeysOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var accountId = user.GetAccountId();
        var (team, caller) = await membership.FindAsync(teamId, accountId, cancellationToken);
        if (team is null || caller is null)
            return TeamProblems.NotFound();

        var validation = new Validation();
        validation.Require(request.Email is not null && EmailAddress.IsValid(request.Email), "email", "email must be a valid email address.");
        var role = TeamRoles.Parse(request.Role);
        validation.Require(role is not null, "role", TeamRoles.Rule);
        if (!validation.IsValid)
            return ApiProblems.Invalid(validation.Errors);

        if (!caller.Role.ManagesMembers())
            return TeamProblems.ForbiddenRole("Only owners and admins invite members.");
        if (role == TeamRole.Owner && caller.Role != TeamRole.Owner)
            return TeamProblems.ForbiddenRole("Only an owner invites an owner.");

        var normalized = EmailAddress.Normalize(request.Email!);
        if (await accounts.FindByEmailAsync(normalized, cancellationToken) is { } invitee &&
            await teams.FindMemberAsync(team.Id, invitee.Id, cancellationToken) is not null)
            return TeamProblems.AlreadyMember();

        var now = time.GetUtcNow();
        var token = InvitationToken.New();
        var invitation = new TeamInvitationRecord(Guid.NewGuid().ToString("N"), team.Id, request.Email!.Trim(), normalized, role!.Value,
            InvitationToken.Hash(token), accountId, now, now + options.Value.InvitationLifetime);
        await teams.InsertInvitationAsync(invitation, cancellationToken);
        await audit.RecordAsync(new AuditEvent(AuditActions.TeamMemberInvited, accountId, TeamId: team.Id,
            After: new JsonObject { ["email"] = invitation.Email, ["role"] = invitation.Role.ToApi(), ["expiresAt"] = invitation.ExpiresAt }),
            cancellationToken);
        return TypedResults.Created($"/v1/teams/{team.Id}", new CreatedInvitationResponse(invitation.Id, team.Id, invitation.Email,
            invitation.Role.ToApi(), token, invitation.CreatedAt, invitation.ExpiresAt));
    }
}
