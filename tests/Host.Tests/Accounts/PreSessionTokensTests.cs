using System.Net;
using System.Security.Claims;
using Host.Tests.Support;
using KsQuery.Contracts.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Host.Tests.Accounts;

/// <summary>Tokens issued before sessions were kept server-side carry no session id. Upgrading logs their holders out
/// once: such a refresh token is refused (401 <c>invalid_credentials</c>, log in again), and such an access token works
/// only until it expires (at most <c>Keys:AccessTokenLifetime</c>). Accepting the old refresh tokens into new sessions
/// would let tokens that no logout or password change could end live on for the whole refresh lifetime.</summary>
public sealed class PreSessionTokensTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_refresh_token_without_a_session_is_refused_and_an_access_token_without_one_lasts_until_it_expires()
    {
        await using var host = await TestHost.StartAsync(_data.Path, clock: _clock);
        var api = new ApiClient(host);
        var token = await api.SignUpAndLogInAsync("upgraded@example.com");
        var (_, me, _) = await api.GetAsync("/v1/me", token);
        var accountId = me.GetProperty("id").GetString()!;
        var bearer = host.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(BearerTokenDefaults.AuthenticationScheme);
        // What the version before sessions issued: the account's claims, no session id.
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(AccountClaims.AccountId, accountId), new Claim(ClaimTypes.NameIdentifier, accountId), new Claim(AccountClaims.Email, "upgraded@example.com")],
            BearerTokenDefaults.AuthenticationScheme));
        string Issue(ISecureDataFormat<AuthenticationTicket> protector, TimeSpan lifetime) => protector.Protect(new AuthenticationTicket(principal,
            new AuthenticationProperties { ExpiresUtc = _clock.GetUtcNow() + lifetime }, $"{BearerTokenDefaults.AuthenticationScheme}:old"));
        var oldRefresh = Issue(bearer.RefreshTokenProtector, TimeSpan.FromDays(14));
        var oldAccess = Issue(bearer.BearerTokenProtector, TimeSpan.FromHours(1));

        var (refreshStatus, refresh, _) = await api.PostAsync("/v1/auth/refresh", new { refreshToken = oldRefresh });
        refreshStatus.ShouldBe(HttpStatusCode.Unauthorized, refresh.ToString());
        refresh.Code().ShouldBe("invalid_credentials");

        (await api.GetAsync("/v1/me", oldAccess)).Status.ShouldBe(HttpStatusCode.OK, "until it expires");
        _clock.Advance(TimeSpan.FromHours(1));
        (await api.GetAsync("/v1/me", oldAccess)).Status.ShouldBe(HttpStatusCode.Unauthorized, "expired");
    }
}
