using System.Security.Claims;
using System.Security.Cryptography;

namespace KsQuery.Modules.Keys.Auth.Sessions;

/// <summary>A dashboard session: one login and the tokens issued by refreshing from it. Its id travels in every
/// access and refresh token of the session, so logging out can end them all and leave the account's other sessions.</summary>
internal static class SessionClaims
{
    public const string SessionId = "ksq:session";

    public static string NewSessionId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string? SessionIdOf(ClaimsPrincipal? principal) => principal?.FindFirst(SessionId)?.Value;
}
