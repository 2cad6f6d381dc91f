using KsQuery.Contracts.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace KsQuery.Modules.Keys.Authentication;

/// <summary>Writes 401/403 answers of authorization as problem details with the codes of API.md:
/// the API-key scheme's stored failure code, or <c>unauthenticated</c> for dashboard routes.</summary>
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

        var apiKey = policy.AuthenticationSchemes.Contains(KeysModule.ApiKeyScheme);
        if (authorizeResult.Challenged)
        {
            var code = apiKey
                ? context.Features.Get<KeyRejection>()?.Code ?? KeyFailureCodes.Missing
                : "unauthenticated";
            var detail = apiKey
                ? KeyFailureCodes.Detail(code)
                : "Send a valid access token as Authorization: Bearer <accessToken> (POST /v1/auth/login).";
            context.Response.Headers[HeaderNames.WWWAuthenticate] = apiKey ? KeysModule.ApiKeyScheme : "Bearer";
            await ApiProblems.WriteAsync(context, StatusCodes.Status401Unauthorized, code, "Unauthorized", detail);
            return;
        }

        await ApiProblems.WriteAsync(context, StatusCodes.Status403Forbidden, "forbidden", "Forbidden",
            "These credentials do not allow this operation.");
    }
}
