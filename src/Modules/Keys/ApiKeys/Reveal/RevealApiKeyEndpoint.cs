using System.Security.Claims;
using System.Security.Cryptography;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Accounts;
using KsQuery.Modules.Keys.Audit;
using KsQuery.Modules.Keys.Auth;
using KsQuery.Modules.Keys.Hashing;
using KsQuery.Modules.Keys.Storage;
using KsQuery.Modules.Keys.Throttling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace KsQuery.Modules.Keys.ApiKeys.Reveal;

internal static class RevealApiKeyEndpoint
{
    public static RouteGroupBuilder MapRevealApiKey(this RouteGroupBuilder keys)
    {
        keys.MapPost("/{id}/reveal", RevealAsync)
            .WithName("RevealApiKey")
            .AnswersValidationFailed()
            .Answers(StatusCodes.Status401Unauthorized, "invalid_credentials")
            .Answers(StatusCodes.Status403Forbidden, "forbidden_role")
            .Answers(StatusCodes.Status404NotFound, "key_not_found")
            .Answers(StatusCodes.Status409Conflict, "key_not_recoverable")
            .Answers(StatusCodes.Status429TooManyRequests, "too_many_attempts")
            .WithSummary("Show a recoverable key again")
            .WithDescription("Returns the plaintext of a key created with `recoverable: true` after checking your password " +
                             "(401 `invalid_credentials`; repeated failures count towards the login throttle, 429 " +
                             "`too_many_attempts`). Keys that are not recoverable, or revoked, answer 409 `key_not_recoverable`. A team's " +
                             "key: owners and admins, and the developer who issued it (403 `forbidden_role` for other developers " +
                             "and for viewers); the password is your own.");
        return keys;
    }

    internal static async Task<Results<Ok<RevealedApiKeyResponse>, ValidationProblem, ProblemHttpResult>> RevealAsync(
        string id, RevealApiKeyRequest request, HttpContext context, ClaimsPrincipal user, IAccountStore accounts,
        ISecretHasher hasher, KeyIssuer issuer, KeyAccess access, IAuditTrail audit, LoginThrottle throttle, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Password) || Password.Length(request.Password) > Password.MaxLength)
            return ApiProblems.Invalid("password", "password is required.");

        var accountId = user.GetAccountId();
        var (key, denied) = await access.KeyAsync(id, accountId, KeyAction.Reveal, cancellationToken);
        if (key is null)
            return denied!;
        if (!key.Recoverable || key.ProtectedKey is null || key.StatusAt(time.GetUtcNow()) == ApiKeyStatus.Revoked)
            return NotRecoverable("This key was not created as recoverable, or it has been revoked.");

        var account = await accounts.FindByIdAsync(accountId, cancellationToken);
        if (account is null)
            return ApiProblems.Unauthorized("unauthenticated", "The account of this access token no longer exists.");
        if (throttle.TryReserve(account.NormalizedEmail, ClientAddress.Of(context), out var attempt) is { } wait)
            return AuthProblems.TooManyAttempts(context, wait);
        if (await hasher.VerifyAsync(Password.Bytes(request.Password), account.PasswordHash, HashPartition.Account(accountId), cancellationToken) == HashVerification.Failed)
            return ApiProblems.Unauthorized("invalid_credentials", "The password is not correct.");
        throttle.Succeeded(attempt);

        string plaintext;
        try
        {
            plaintext = issuer.Reveal(key);
        }
        catch (CryptographicException)
        {
            return NotRecoverable("The stored copy of this key can no longer be decrypted (the server's key ring changed).");
        }
        await audit.RecordAsync(new AuditEvent(AuditActions.KeyRevealed, accountId, key.Id, TeamId: key.TeamId), cancellationToken);
        return TypedResults.Ok(new RevealedApiKeyResponse(plaintext));
    }

    private static ProblemHttpResult NotRecoverable(string detail) => ApiProblems.Conflict("key_not_recoverable", detail);
}
