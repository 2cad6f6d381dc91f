using System.Text.Encodings.Web;
using KsQuery.Contracts.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.Authentication;

/// <summary>The <see cref="KeysModule.ApiKeyScheme"/> scheme, for endpoints that authorize with it
/// (<c>RequireAuthorization</c> with this scheme) rather than sitting in the keyed group: same key sources, checks and
/// request features as the keyed path's <see cref="ApiKeyMiddleware"/>, whose outcome it reuses when that already ran.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<ApiKeyAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyAuthenticator authenticator)
    : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = KeyedCallFeatures.VerifiedKeyOf(Context);
        if (key is null)
        {
            var result = await authenticator.AuthenticateAsync(Context);
            if (result.FailureCode == KeyFailureCodes.Missing)
                return AuthenticateResult.NoResult();
            if (result.Key is null)
                return AuthenticateResult.Fail(result.FailureCode!);
            key = result.Key;
        }
        return AuthenticateResult.Success(new AuthenticationTicket(ApiKeyAuthenticator.NewPrincipal(key), Scheme.Name));
    }
}
