using KsQuery.Contracts.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace KsQuery.Modules.Keys.Authentication;

/// <summary>Endpoint filter of keyed chain APIs: the API-key scheme has already run as the default authentication
/// scheme; a call without a verified key is refused here with the reason that scheme recorded. (An authorization
/// policy would authenticate again and evaluate requirements on every call of the hot path, for the same answer.)</summary>
internal static class ApiKeyRequirement
{
    public static ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Features.Get<VerifiedKey>() is not null)
            return next(context);

        var code = http.Features.Get<KeyRejection>()?.Code ?? KeyFailureCodes.Missing;
        http.Response.Headers[HeaderNames.WWWAuthenticate] = KeysModule.ApiKeyScheme;
        return ValueTask.FromResult<object?>(new ProblemResult(StatusCodes.Status401Unauthorized, code, "Unauthorized", KeyFailureCodes.Detail(code)));
    }
}
