using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Encodings.Web;
using KsQuery.Contracts.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace KsQuery.Modules.Keys.Authentication;

/// <summary>The <see cref="KeysModule.ApiKeyScheme"/> scheme: a key from <c>X-Api-Key</c> or
/// <c>Authorization: Bearer</c> (never the query string). On success the request carries a
/// <see cref="VerifiedKey"/> feature; on failure a <see cref="KeyRejection"/> feature says why (and whose key it was, when known).</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<ApiKeyAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyVerifier verifier)
    : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    public const string KeyIdClaim = "ksq:key";

    // One result per verified key, shared by its calls: nothing in the pipeline mutates the principal, and building
    // claims, identity, principal and ticket on every call was a measurable share of the keyed path's allocations.
    private static readonly ConditionalWeakTable<VerifiedKey, AuthenticateResult> Results = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // This is the default scheme; only keyed chain endpoints take API keys.
        if (Context.GetEndpoint()?.Metadata.GetMetadata<ChainApiMetadata>() is null)
            return AuthenticateResult.NoResult();

        if (!TryReadKey(Request.Headers, out var presented))
        {
            Context.Features.Set(new KeyRejection(KeyFailureCodes.Invalid, null, null, null));
            return AuthenticateResult.Fail(KeyFailureCodes.Invalid);
        }

        var result = await verifier.VerifyAsync(presented, Context.RequestAborted);
        if (result.Key is not { } key)
        {
            Context.Features.Set(new KeyRejection(result.FailureCode!, result.Record?.Id, result.Record?.AccountId, result.Record?.Display));
            return result.FailureCode == KeyFailureCodes.Missing
                ? AuthenticateResult.NoResult()
                : AuthenticateResult.Fail(result.FailureCode!);
        }

        Context.Features.Set(key);
        return Results.GetValue(key, static key => AuthenticateResult.Success(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(KeyIdClaim, key.KeyId), new Claim(AccountClaims.AccountId, key.AccountId)], KeysModule.ApiKeyScheme)),
            KeysModule.ApiKeyScheme)));
    }

    /// <summary>False when the key is given more than once; a missing key yields true and null.</summary>
    internal static bool TryReadKey(Microsoft.AspNetCore.Http.IHeaderDictionary headers, out string? key)
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
