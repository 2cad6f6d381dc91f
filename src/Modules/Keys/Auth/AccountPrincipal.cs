using System.Security.Claims;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Auth.Sessions;
using KsQuery.Modules.Keys.Storage;
using Microsoft.AspNetCore.Authentication.BearerToken;

namespace KsQuery.Modules.Keys.Auth;

internal static class AccountPrincipal
{
    /// <summary>The principal of the tokens of a session: a new session (login) when <paramref name="sessionId"/> is null.</summary>
    public static ClaimsPrincipal Create(AccountRecord account, string? sessionId = null) => new(new ClaimsIdentity(
        [
            new Claim(AccountClaims.AccountId, account.Id),
            new Claim(ClaimTypes.NameIdentifier, account.Id),
            new Claim(AccountClaims.Email, account.Email),
            new Claim(SessionClaims.SessionId, sessionId ?? SessionClaims.NewSessionId()),
        ],
        BearerTokenDefaults.AuthenticationScheme));
}
