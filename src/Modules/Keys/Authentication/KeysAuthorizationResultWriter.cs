using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Auth.Sessions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace KsQuery.Modules.Keys.Authentication;

/// <summary>Writes 401/403 answers of authorization (dashboard routes) as problem details with the codes of docs/api.md.
/// Keyed chain APIs are refused by <see cref="ApiKeyMiddleware"/> instead.</summary>
internal sealed class KeysAuthorizationResultWriter : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || context.Response.HasStarted)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        if (authorizeResult.Challenged)
        {
            context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
            await ApiProblems.WriteAsync(context, StatusCodes.Status401Unauthorized, "unauthenticated", "Unauthorized",
                context.Items.ContainsKey(EndedSessionCheck.Refused)
                    ? "This access token's session has ended (logged out, ended from the sessions list, the password was " +
                      "changed or the account deleted). Log in again (POST /v1/auth/login)."
                    : "Send a valid access token as Authorization: Bearer <accessToken> (POST /v1/auth/login).");
            return;
        }

        await ApiProblems.WriteAsync(context, StatusCodes.Status403Forbidden, "forbidden", "Forbidden",
            "These credentials do not allow this operation.");
    }
}
