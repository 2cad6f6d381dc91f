using System.Security.Claims;

namespace KsQuery.Contracts.Http;

public static class AccountClaims
{
    /// <summary>The claim that carries the account id in dashboard (bearer) tokens.</summary>
    public const string AccountId = "ksq:account";
    public const string Email = ClaimTypes.Email;

    public static string GetAccountId(this ClaimsPrincipal user) => user.FindFirstValue(AccountId)
        ?? throw new InvalidOperationException("The request is not authenticated as an account.");
}
