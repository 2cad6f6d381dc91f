using System.Collections.Concurrent;
using KsQuery.Contracts.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace KsQuery.Modules.Keys.Authentication;

/// <summary>Authenticates the calls of endpoints marked <see cref="ApiKeyRequired"/> and refuses those without a valid
/// key: 401 with the reason of docs/api.md (<c>key_missing</c>, <c>key_invalid</c>, <c>key_revoked</c>,
/// <c>key_expired</c>, <c>key_disabled</c>), or 403 <c>key_restricted</c> for a call outside the key's restrictions. Every other request
/// passes straight through. This is the keyed hot path, so it calls the verifier directly: going through the
/// authentication service (a handler instance, options lookup and result per call) cost about a tenth of the keyed
/// path's throughput (docs/performance.md).</summary>
internal sealed class ApiKeyMiddleware(ApiKeyAuthenticator authenticator)
{
    private static readonly ConcurrentDictionary<string, ProblemResult> Refusals = new(StringComparer.Ordinal);

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (KeyedCallFeatures.EndpointOf(context)?.Metadata.GetMetadata<ApiKeyRequired>() is null)
            return next(context);

        var pending = authenticator.AuthenticateAsync(context);
        if (!pending.IsCompletedSuccessfully)
            return AwaitedAsync(context, next, pending);
        return Continue(context, next, pending.Result);
    }

    private static async Task AwaitedAsync(HttpContext context, RequestDelegate next, ValueTask<KeyVerification> pending) =>
        await Continue(context, next, await pending);

    private static Task Continue(HttpContext context, RequestDelegate next, KeyVerification result)
    {
        if (!result.Succeeded)
            return RefuseAsync(context, result.FailureCode!);
        return result.Restrictions is null ? next(context) : CheckRestrictions(context, next, result.Key!, result.Restrictions);
    }

    private static Task CheckRestrictions(HttpContext context, RequestDelegate next, VerifiedKey key, CompiledRestrictions restrictions)
    {
        if (restrictions.Refused(context, key) is { } restriction)
        {
            KeyedCallFeatures.SetRejection(context, new KeyRejection(KeyRestrictionRefusals.Code, key.KeyId, key.AccountId, key.Display, restriction));
            return KeyRestrictionRefusals.Of(restriction).ExecuteAsync(context);
        }
        if (restrictions.HasOrigins)
            KeyRestrictionRefusals.AllowOrigin(context.Response.Headers, context.Request.Headers.Origin);
        return next(context);
    }

    private static Task RefuseAsync(HttpContext context, string code)
    {
        context.Response.Headers[HeaderNames.WWWAuthenticate] = KeysModule.ApiKeyScheme;
        return Refusals.GetOrAdd(code, static code =>
            new ProblemResult(StatusCodes.Status401Unauthorized, code, "Unauthorized", KeyFailureCodes.Detail(code)).Reusable()).ExecuteAsync(context);
    }
}
