using System.Text.Json.Nodes;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Audit;
using KsQuery.Modules.Keys.Auth.Sessions;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.Auth.Logout;

internal static class LogoutEndpoint
{
    public static RouteGroupBuilder MapLogout(this RouteGroupBuilder auth)
    {
        auth.MapPost("/logout", LogoutAsync)
            .WithName("Logout")
            .AnswersValidationFailed()
            .Answers(StatusCodes.Status401Unauthorized, "invalid_credentials")
            .WithSummary("Log out: end the session of a refresh token")
            .WithDescription("Ends the session the refresh token belongs to (one login and the tokens issued by refreshing " +
                             "from it): from now on its refresh tokens get 401 `invalid_credentials` on `/v1/auth/refresh` and " +
                             "its access tokens 401 `unauthenticated` on every dashboard route. The account's other sessions " +
                             "(other logins, other browsers) stay. 204 also when the session had already ended or the token " +
                             "has expired; 401 `invalid_credentials` for anything that is not a refresh token of KS Query. " +
                             "Needs no access token: the refresh token is the credential.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .AllowAnonymous();
        return auth;
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> LogoutAsync(
        LogoutRequest request, IOptionsMonitor<BearerTokenOptions> bearer, AccountSessions sessions, IAuditTrail audit,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken))
            return ApiProblems.Invalid("refreshToken", "refreshToken is required.");

        var ticket = bearer.Get(BearerTokenDefaults.AuthenticationScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Principal.FindFirst(AccountClaims.AccountId)?.Value is not { } accountId ||
            SessionClaims.SessionIdOf(ticket.Principal) is not { } sessionId)
            return ApiProblems.Unauthorized("invalid_credentials", "This is not a refresh token of KS Query.");

        if (sessions.Find(sessionId, accountId) is not null)
            await audit.RecordAsync(new AuditEvent(AuditActions.SessionEnded, accountId,
                Before: new JsonObject { ["sessionId"] = sessionId }, After: new JsonObject { ["endedBy"] = "logout" }), cancellationToken);
        // Ended also when not live any more: an expired token's session stays refused either way.
        sessions.End(sessionId, accountId);
        return TypedResults.NoContent();
    }
}
