using System.Security.Claims;
using System.Security.Cryptography;

namespace KsQuery.Modules.Keys.Auth.Sessions;

/// <summary>A dashboard session: one login and the tokens issued by refreshing from it. Its id travels in every
/// access and refresh token of the session, so logging out can end them all and leave the account's other sessions.</summary>
internal static class SessionClaims
{
    public const string SessionId = "ksq:session";

    public static string NewSessionId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>True for text shaped like a session id (32 lower-case hex digits): anything else is no session, and is
    /// answered without a store lookup (a store refuses over-long index keys).</summary>
    public static bool IsPlausible(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);

    public static string? SessionIdOf(ClaimsPrincipal? principal) => principal?.FindFirst(SessionId)?.Value;
}
