using System.Security.Claims;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Auth.Sessions;
using KsQuery.Modules.Keys.Storage;
using Microsoft.AspNetCore.Authentication.BearerToken;

namespace KsQuery.Modules.Keys.Auth;

internal static class AccountPrincipal
{
    /// <summary>The principal of the tokens of a session (<see cref="AccountSessions"/>).</summary>
    public static ClaimsPrincipal Create(AccountRecord account, string sessionId) => new(new ClaimsIdentity(
        [
            new Claim(AccountClaims.AccountId, account.Id),
            new Claim(ClaimTypes.NameIdentifier, account.Id),
            new Claim(AccountClaims.Email, account.Email),
            new Claim(SessionClaims.SessionId, sessionId),
        ],
        BearerTokenDefaults.AuthenticationScheme));
}
