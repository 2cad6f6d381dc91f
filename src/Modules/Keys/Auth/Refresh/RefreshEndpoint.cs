using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Auth.Sessions;
using KsQuery.Modules.Keys.Storage;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.Auth.Refresh;

internal static class RefreshEndpoint
{
    public static RouteGroupBuilder MapRefresh(this RouteGroupBuilder auth)
    {
        auth.MapPost("/refresh", RefreshAsync)
            .WithName("RefreshToken")
            .AnswersValidationFailed()
            .Answers(StatusCodes.Status401Unauthorized, "invalid_credentials")
            .WithSummary("Get new tokens with a refresh token")
            .WithDescription("Exchanges an unexpired refresh token of an existing account for a new access token and " +
                             "refresh token (same shape as login), in the same session. Anything else, and a refresh token of a session " +
                             "that has ended (`POST /v1/auth/logout`, `DELETE /v1/sessions/{id}`, a password change, a deleted " +
                             "account), gets 401 `invalid_credentials`.")
            .Produces<AccessTokenResponse>(StatusCodes.Status200OK)
            .AllowAnonymous();
        return auth;
    }

    internal static async Task<Results<SignInHttpResult, ValidationProblem, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request, HttpContext context, IOptionsMonitor<BearerTokenOptions> bearer, IAccountStore accounts,
        AccountSessions sessions, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken))
            return ApiProblems.Invalid("refreshToken", "refreshToken is required.");

        var ticket = bearer.Get(BearerTokenDefaults.AuthenticationScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires ||
            ticket.Principal.FindFirst(AccountClaims.AccountId)?.Value is not { } accountId ||
            SessionClaims.SessionIdOf(ticket.Principal) is not { } sessionId ||
            await accounts.FindByIdAsync(accountId, cancellationToken) is not { } account ||
            !sessions.TryRefresh(sessionId, accountId, context))
            return ApiProblems.Unauthorized("invalid_credentials", "The refresh token is not valid or has expired.");

        return TypedResults.SignIn(AccountPrincipal.Create(account, sessionId), authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
    }
}
