using System.Text.Json.Nodes;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Audit;
using KsQuery.Modules.Keys.Auth;
using KsQuery.Modules.Keys.Configuration;
using KsQuery.Modules.Keys.Hashing;
using KsQuery.Modules.Keys.Storage;
using KsQuery.Modules.Keys.Teams;
using KsQuery.Modules.Keys.Text;
using KsQuery.Modules.Keys.Throttling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.Accounts.SignUp;

internal static class SignUpEndpoint
{
    public static RouteGroupBuilder MapSignUp(this RouteGroupBuilder accounts)
    {
        accounts.MapPost("/", SignUpAsync)
            .WithName("SignUp")
            .AnswersValidationFailed()
            .Answers(StatusCodes.Status403Forbidden, "sign_up_closed", "invitation_required", "invitation_for_another_account")
            .Answers(StatusCodes.Status404NotFound, "invitation_not_found")
            .Answers(StatusCodes.Status409Conflict, "email_taken", "invitation_used", "invitation_expired")
            .Answers(StatusCodes.Status429TooManyRequests, "too_many_attempts")
            .WithSummary("Create a dashboard account")
            .WithDescription("Creates an account for the dashboard. Emails are compared trimmed and case-insensitively " +
                             "(409 `email_taken`) and refuse whitespace, control, direction-changing and invisible formatting " +
                             $"characters; the password needs at least {Password.MinLength} characters " +
                             $"(at most {Password.MaxLength}) and is stored only as an Argon2id hash. Sign-ups from one client " +
                             "address are limited (`Keys:Throttling:SignUpsPerAddress` per `SignUpWindow`, default 20 per hour; " +
                             "429 `too_many_attempts` with `Retry-After`). The operator decides who may sign up (`Accounts:SignUp`): " +
                             "`open` (anyone, the default), `closed` (403 `sign_up_closed`: accounts come from the operator) or " +
                             "`invitation` (403 `invitation_required` without an `invitationToken`). An `invitationToken` (from " +
                             "`POST /v1/teams/{teamId}/invitations`) makes the new account a member of that team with the " +
                             "invitation's role, and is answered as by `POST /v1/invitations/accept`: 404 `invitation_not_found`, " +
                             "403 `invitation_for_another_account` (the invitation names another email), 409 `invitation_used`, " +
                             "409 `invitation_expired`.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .AllowAnonymous();
        return accounts;
    }

    internal static async Task<Results<Created<AccountResponse>, ValidationProblem, ProblemHttpResult>> SignUpAsync(
        SignUpRequest request, HttpContext context, IAccountStore accounts, ISecretHasher hasher, SignUpThrottle throttle, TimeProvider time,
        IAuditTrail audit, ITeamStore teams, IOptions<AccountsOptions> options, CancellationToken cancellationToken)
    {
        var mode = options.Value.SignUp;
        if (mode == SignUpMode.Closed)
            return ApiProblems.Problem(StatusCodes.Status403Forbidden, "sign_up_closed", "Forbidden",
                "Sign-up is closed on this server: ask its operator for an account.");
        var invitationToken = string.IsNullOrWhiteSpace(request.InvitationToken) ? null : request.InvitationToken;
        if (mode == SignUpMode.Invitation && invitationToken is null)
            return ApiProblems.Problem(StatusCodes.Status403Forbidden, "invitation_required", "Forbidden",
                "Sign-up on this server needs a team invitation: send its token as invitationToken.");

        var validation = new Validation();
        if (string.IsNullOrWhiteSpace(request.Email))
            validation.Add("email", "email is required.");
        else
        {
            ReadableText.Check(validation, "email", request.Email.Trim(), joiners: false);
            if (!validation.ErrorsView.ContainsKey("email"))
                validation.Require(EmailAddress.IsValid(request.Email), "email", "email is not a valid address.");
        }
        if (request.Password is null)
            validation.Add("password", "password is required.");
        else
            validation.Require(Password.Length(request.Password) is >= Password.MinLength and <= Password.MaxLength, "password",
                $"password must be between {Password.MinLength} and {Password.MaxLength} characters.");
        if (!validation.IsValid)
            return ApiProblems.Invalid(validation.Errors);
        var address = ClientAddress.Of(context);
        if (throttle.TryReserve(address) is { } wait)
            return AuthProblems.TooManyAttempts(context, wait);

        var email = request.Email!.Trim();
        TeamInvitationRecord? invitation = null;
        if (invitationToken is not null)
        {
            var (found, problem) = await SignUpInvitation.FindAsync(invitationToken, EmailAddress.Normalize(email), teams, time.GetUtcNow(),
                cancellationToken);
            if (problem is not null)
                return problem;
            invitation = found;
        }
        var account = new AccountRecord(
            Guid.NewGuid().ToString("N"),
            email,
            EmailAddress.Normalize(email),
            await hasher.HashAsync(Password.Bytes(request.Password!), HashPartition.SignUp(address), cancellationToken),
            time.GetUtcNow(),
            Selection: null);
        if (!await accounts.TryCreateAsync(account, cancellationToken))
            return ApiProblems.Conflict("email_taken", "An account with this email already exists.");
        await audit.RecordAsync(new AuditEvent(AuditActions.AccountCreated, account.Id), cancellationToken);
        if (invitation is not null)
            await JoinAsync(invitation, account, teams, audit, cancellationToken);

        return TypedResults.Created((string?)null, new AccountResponse(account.Id, account.Email));
    }

    // The account was created just now with the invitation's email, so no one else can have accepted it in between (an
    // invitation is accepted only by the account with its email, and emails are unique).
    private static async Task JoinAsync(TeamInvitationRecord invitation, AccountRecord account, ITeamStore teams, IAuditTrail audit,
        CancellationToken cancellationToken)
    {
        var member = new TeamMemberRecord(invitation.TeamId, account.Id, invitation.Role, account.CreatedAt);
        if (await teams.TryAcceptAsync(invitation.Id, member, cancellationToken) != InvitationAcceptance.Done)
            return;
        await audit.RecordAsync(new AuditEvent(AuditActions.TeamInvitationAccepted, account.Id, TeamId: invitation.TeamId,
            SubjectAccountId: account.Id, After: new JsonObject { ["role"] = invitation.Role.ToApi() }), cancellationToken);
    }
}
