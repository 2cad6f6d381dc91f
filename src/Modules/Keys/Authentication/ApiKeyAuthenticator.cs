using System.Runtime.CompilerServices;
using System.Security.Claims;
using KsQuery.Contracts.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace KsQuery.Modules.Keys.Authentication;

/// <summary>Reads the API key of a request (<c>X-Api-Key</c> or <c>Authorization: Bearer</c>, never the query string),
/// verifies it and records the outcome on the request: on success a <see cref="VerifiedKey"/> feature and
/// <see cref="HttpContext.User"/>; on failure a <see cref="KeyRejection"/> feature saying why (and whose key it was,
/// when known). Shared by the keyed path's <see cref="ApiKeyMiddleware"/> and the <see cref="KeysModule.ApiKeyScheme"/>
/// authentication handler.</summary>
internal sealed class ApiKeyAuthenticator(ApiKeyVerifier verifier)
{
    public const string KeyIdClaim = "ksq:key";

    // One principal per verified key, shared by its calls: building claims and identity on every call of the hot path
    // was a measurable share of its allocations, and nothing downstream changes the principal.
    private static readonly ConditionalWeakTable<VerifiedKey, ClaimsPrincipal> Principals = new();

    public ValueTask<KeyVerification> AuthenticateAsync(HttpContext context)
    {
        if (!TryReadKey(context.Request.Headers, out var presented))
            return ValueTask.FromResult(Record(context, KeyVerification.Fail(KeyFailureCodes.Invalid)));

        var pending = verifier.VerifyAsync(presented, ConnectionKeyMemo.Of(context), context.RequestAborted);
        return pending.IsCompletedSuccessfully
            ? ValueTask.FromResult(Record(context, pending.Result))
            : Awaited(context, pending);

        static async ValueTask<KeyVerification> Awaited(HttpContext context, ValueTask<KeyVerification> pending) =>
            Record(context, await pending);
    }

    public static ClaimsPrincipal PrincipalOf(VerifiedKey key) => Principals.GetValue(key, static key =>
        new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(KeyIdClaim, key.KeyId), new Claim(AccountClaims.AccountId, key.AccountId)], KeysModule.ApiKeyScheme)));

    private static KeyVerification Record(HttpContext context, KeyVerification result)
    {
        if (result.Key is { } key)
        {
            context.Features.Set(key);
            context.User = PrincipalOf(key);
        }
        else
        {
            context.Features.Set(new KeyRejection(result.FailureCode!, result.Record?.Id, result.Record?.AccountId, result.Record?.Display));
        }
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
