using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Storage;
using KsQuery.Modules.Keys.Teams.Invitations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KsQuery.Modules.Keys.Accounts.SignUp;

/// <summary>The team invitation a sign-up names with <c>invitationToken</c>: found, for that email, unused and unexpired,
/// with the same answers as <c>POST /v1/invitations/accept</c>.</summary>
internal static class SignUpInvitation
{
    public static async Task<(TeamInvitationRecord? Invitation, ProblemHttpResult? Problem)> FindAsync(
        string token, string normalizedEmail, ITeamStore teams, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var invitation = token.Length > InvitationToken.MaxLength
            ? null
            : await teams.FindInvitationByTokenHashAsync(InvitationToken.Hash(token.Trim()), cancellationToken);
        if (invitation is null || await teams.FindAsync(invitation.TeamId, cancellationToken) is null)
            return (null, ApiProblems.NotFound("invitation_not_found", "No invitation has this token."));
        if (invitation.NormalizedEmail != normalizedEmail)
            return (null, ApiProblems.Problem(StatusCodes.Status403Forbidden, "invitation_for_another_account", "Forbidden",
                "This invitation is for another email address: sign up with the address it was sent to."));
        if (invitation.AcceptedAt is not null)
            return (null, ApiProblems.Conflict("invitation_used", "This invitation has been accepted already."));
        if (invitation.ExpiresAt <= now)
            return (null, ApiProblems.Conflict("invitation_expired", "This invitation has expired: ask for a new one."));
        return (invitation, null);
    }
}
