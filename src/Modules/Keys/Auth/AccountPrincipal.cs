using System.Security.Claims;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Storage;
using Microsoft.AspNetCore.Authentication.BearerToken;

namespace KsQuery.Modules.Keys.Auth;

internal static class AccountPrincipal
{
    public static ClaimsPrincipal Create(AccountRecord account) => new(new ClaimsIdentity(
        [
            new Claim(AccountClaims.AccountId, account.Id),
            new Claim(ClaimTypes.NameIdentifier, account.Id),
            new Claim(AccountClaims.Email, account.Email),
        ],
        BearerTokenDefaults.AuthenticationScheme));
}
