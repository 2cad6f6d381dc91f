using System.Security.Cryptography;
using System.Text;

namespace KsQuery.Modules.Keys.Teams.Invitations;

/// <summary>Invitation tokens: <c>ksq_inv_</c> and 256 random bits (base64url). Only their SHA-256 is stored; with that
/// much randomness a slow hash adds nothing.</summary>
internal static class InvitationToken
{
    public const string Prefix = "ksq_inv_";

    /// <summary>Longer input is not a token of ours and is not hashed.</summary>
    public const int MaxLength = 128;

    public static string New() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
