using System.Security.Claims;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace KsQuery.Modules.Keys.Authentication;

/// <summary>Reads the API key of a request (<c>X-Api-Key</c> or <c>Authorization: Bearer</c>, never the query string),
/// verifies it and records the outcome on the request: on success a <see cref="VerifiedKey"/> feature; on failure a
/// <see cref="KeyRejection"/> feature saying why (and whose key it was, when known). Shared by the keyed path's
/// <see cref="ApiKeyMiddleware"/> and the <see cref="KeysModule.ApiKeyScheme"/> authentication handler, whose ticket
/// carries the key as claims. The keyed path leaves <see cref="HttpContext.User"/> alone: its stages and endpoints read
/// the feature, and setting the user (an authentication feature created per request) was a measured cost.</summary>
internal sealed class ApiKeyAuthenticator(ApiKeyVerifier verifier, KeysMetrics metrics)
{
    public const string KeyIdClaim = "ksq:key";

    public ValueTask<KeyVerification> AuthenticateAsync(HttpContext context)
    {
        if (!TryReadKey(context.Request.Headers, out var presented))
            return ValueTask.FromResult(Record(context, KeyVerification.Fail(KeyFailureCodes.Invalid)));

        var pending = verifier.VerifyAsync(presented, ConnectionKeyMemo.Of(context), context.RequestAborted);
        return pending.IsCompletedSuccessfully
            ? ValueTask.FromResult(Record(context, pending.Result))
            : Awaited(context, pending);

        async ValueTask<KeyVerification> Awaited(HttpContext context, ValueTask<KeyVerification> pending) =>
            Record(context, await pending);
    }

    /// <summary>The principal of the <see cref="KeysModule.ApiKeyScheme"/> authentication scheme.</summary>
    public static ClaimsPrincipal NewPrincipal(VerifiedKey key) =>
        new(new ClaimsIdentity([new Claim(KeyIdClaim, key.KeyId), new Claim(AccountClaims.AccountId, key.AccountId)], KeysModule.ApiKeyScheme));

    private KeyVerification Record(HttpContext context, KeyVerification result)
    {
        metrics.KeyChecked(result.FailureCode);
        if (result.Key is { } key)
            KeyedCallFeatures.SetVerifiedKey(context, key);
        else
            KeyedCallFeatures.SetRejection(context, new KeyRejection(result.FailureCode!, result.Record?.Id, result.Record?.AccountId, result.Record?.Display));
        return result;
    }

    /// <summary>False when the key is given more than once; a missing key yields true and null.</summary>
    internal static bool TryReadKey(IHeaderDictionary headers, out string? key)
    {
        key = null;
        var header = headers[ApiKeyAuthenticationOptions.HeaderName];
        if (header.Count > 1)
            return false;
        if (header.Count == 1)
        {
            key = header[0]?.Trim();
            return true;
        }

        var authorization = headers[HeaderNames.Authorization];
        if (authorization.Count > 1)
            return false;
        var value = authorization.Count == 1 ? authorization[0] : null;
        const string bearer = "Bearer ";
        if (value is not null && value.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
            key = value[bearer.Length..].Trim();
        return true;
    }
}
