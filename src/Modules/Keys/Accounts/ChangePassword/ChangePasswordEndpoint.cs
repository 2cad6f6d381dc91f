using System.Security.Claims;
using System.Text.Json.Nodes;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Audit;
using KsQuery.Modules.Keys.Auth;
using KsQuery.Modules.Keys.Auth.Sessions;
using KsQuery.Modules.Keys.Hashing;
using KsQuery.Modules.Keys.Storage;
using KsQuery.Modules.Keys.Throttling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace KsQuery.Modules.Keys.Accounts.ChangePassword;

internal static class ChangePasswordEndpoint
{
    public static RouteGroupBuilder MapChangePassword(this RouteGroupBuilder me)
    {
        me.MapPost("/password", ChangeAsync)
            .WithName("ChangePassword")
            .AnswersValidationFailed()
            .Answers(StatusCodes.Status401Unauthorized, "invalid_credentials")
            .Answers(StatusCodes.Status429TooManyRequests, "too_many_attempts")
            .WithSummary("Change your password")
            .WithDescription("Replaces the password after checking the current one (401 `invalid_credentials`; wrong passwords " +
                             "count towards the login throttle of the account and the client address, 429 `too_many_attempts` " +
                             $"with `Retry-After`). The new password follows the sign-up rules ({Password.MinLength} to " +
                             $"{Password.MaxLength} characters). 204 on success: every other session of the account ends at " +
                             "once (its access tokens get 401 `unauthenticated` at their next use, its refresh tokens 401 " +
                             "`invalid_credentials`); the session of the access token you sent goes on.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return me;
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        ChangePasswordRequest request, HttpContext context, ClaimsPrincipal user, IAccountStore accounts, ISecretHasher hasher,
        LoginThrottle throttle, AccountSessions sessions, IAuditTrail audit, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        if (string.IsNullOrEmpty(request.CurrentPassword))
            validation.Add("currentPassword", "currentPassword is required.");
        else if (Password.Length(request.CurrentPassword) > Password.MaxLength)
            validation.Add("currentPassword", "currentPassword is too long.");
        if (request.NewPassword is null)
            validation.Add("newPassword", "newPassword is required.");
        else
            validation.Require(Password.Length(request.NewPassword) is >= Password.MinLength and <= Password.MaxLength, "newPassword",
                $"newPassword must be between {Password.MinLength} and {Password.MaxLength} characters.");
        if (!validation.IsValid)
            return ApiProblems.Invalid(validation.Errors);

        var accountId = user.GetAccountId();
        if (await accounts.FindByIdAsync(accountId, cancellationToken) is not { } account)
            return ApiProblems.Unauthorized("unauthenticated", "The account of this access token no longer exists.");
        if (throttle.TryReserve(account.NormalizedEmail, ClientAddress.Of(context), out var attempt) is { } wait)
            return AuthProblems.TooManyAttempts(context, wait);
        if (await hasher.VerifyAsync(Password.Bytes(request.CurrentPassword!), account.PasswordHash, HashPartition.Account(accountId),
                cancellationToken) == HashVerification.Failed)
            return ApiProblems.Unauthorized("invalid_credentials", "The current password is not correct.");
        throttle.Succeeded(attempt);

        var hash = await hasher.HashAsync(Password.Bytes(request.NewPassword!), HashPartition.Account(accountId), cancellationToken);
        await accounts.UpdatePasswordHashAsync(accountId, hash, cancellationToken);
        // After the new hash is stored: a session started with the old password in between is ended here too.
        var ended = sessions.EndAll(accountId, keep: SessionClaims.SessionIdOf(user));
        await audit.RecordAsync(new AuditEvent(AuditActions.AccountPasswordChanged, accountId,
            After: new JsonObject { ["otherSessionsEnded"] = ended.Count }), cancellationToken);
        return TypedResults.NoContent();
    }
}
