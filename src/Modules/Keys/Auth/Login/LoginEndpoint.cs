using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Accounts;
using KsQuery.Modules.Keys.Audit;
using KsQuery.Modules.Keys.Auth.Sessions;
using KsQuery.Modules.Keys.Hashing;
using KsQuery.Modules.Keys.Storage;
using KsQuery.Modules.Keys.Throttling;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace KsQuery.Modules.Keys.Auth.Login;

internal static class LoginEndpoint
{
    public static RouteGroupBuilder MapLogin(this RouteGroupBuilder auth)
    {
        auth.MapPost("/login", LoginAsync)
            .WithName("Login")
            .AnswersValidationFailed()
            .Answers(StatusCodes.Status401Unauthorized, "invalid_credentials")
            .Answers(StatusCodes.Status403Forbidden, "account_disabled")
            .Answers(StatusCodes.Status429TooManyRequests, "too_many_attempts")
            .WithSummary("Log in to the dashboard")
            .WithDescription("Exchanges email and password for a bearer access token (send it as `Authorization: Bearer " +
                             "<accessToken>` on `/v1/me`, `/v1/keys` and `/v1/usage`) and a refresh token. Unknown email and " +
                             "wrong password get the same 401 `invalid_credentials`. Repeated failures for one account or " +
                             "from one client address get 429 `too_many_attempts` with `Retry-After`. The right password of an account an " +
                             "operator disabled gets 403 `account_disabled`.")
            .Produces<AccessTokenResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .AllowAnonymous();
        return auth;
    }

    internal static async Task<Results<SignInHttpResult, ValidationProblem, ProblemHttpResult>> LoginAsync(
        LoginRequest request, HttpContext context, IAccountStore accounts, ISecretHasher hasher, LoginThrottle throttle,
        IAuditTrail audit, AccountSessions sessions, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Require(!string.IsNullOrWhiteSpace(request.Email), "email", "email is required.")
            .Require(!string.IsNullOrEmpty(request.Password), "password", "password is required.");
        if (request.Email is { Length: > EmailAddress.MaxLength })
            validation.Add("email", "email is too long.");
        if (request.Password is { } p && Password.Length(p) > Password.MaxLength)
            validation.Add("password", "password is too long.");
        if (!validation.IsValid)
            return ApiProblems.Invalid(validation.Errors);

        var email = EmailAddress.Normalize(request.Email!);
        // Reserved before the hash: parallel attempts beyond the limit are refused without one.
        if (throttle.TryReserve(email, ClientAddress.Of(context), out var attempt) is { } wait)
            return AuthProblems.TooManyAttempts(context, wait);

        var password = Password.Bytes(request.Password!);
        var account = await accounts.FindByEmailAsync(email, cancellationToken);
        if (account is null)
        {
            await hasher.VerifyDummyAsync(password, HashPartition.Login(email), cancellationToken);
            return AuthProblems.InvalidCredentials();
        }

        var verification = await hasher.VerifyAsync(password, account.PasswordHash, HashPartition.Login(email), cancellationToken);
        if (verification == HashVerification.Failed)
        {
            // Only a known account's failures are recorded (an unknown email has no one to show them to).
            await audit.RecordAsync(new AuditEvent(AuditActions.AccountLoginFailed, account.Id), cancellationToken);
            return AuthProblems.InvalidCredentials();
        }

        throttle.Succeeded(attempt);
        // Told only to whoever knows the password, as a revoked key is told only to whoever holds its secret.
        if (account.DisabledAt is not null)
            return AuthProblems.AccountDisabled();
        if (verification == HashVerification.SucceededRehashNeeded)
            await accounts.UpdatePasswordHashAsync(account.Id, await hasher.HashAsync(password, HashPartition.Login(email), cancellationToken), cancellationToken);

        var session = sessions.Start(account.Id, context);
        // A disable writes its mark, then ends the account's sessions. Read after the session exists, the mark is either
        // seen here or written before a disable that then ends this session too: a login racing a disable keeps nothing.
        if ((await accounts.FindByIdAsync(account.Id, cancellationToken))?.DisabledAt is not null)
        {
            sessions.End(session, account.Id);
            return AuthProblems.AccountDisabled();
        }
        await audit.RecordAsync(new AuditEvent(AuditActions.AccountLogin, account.Id), cancellationToken);
        return TypedResults.SignIn(AccountPrincipal.Create(account, session), authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
    }
}
