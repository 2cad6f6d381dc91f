using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace KsQuery.Modules.Keys.Hashing;

/// <summary>
/// A 16-bit check value of an API-key secret, stored beside its Argon2id hash so that a wrong secret is refused
/// without the hash: a random wrong secret passes it once in 65 536 tries, the right secret always does. A flood of
/// wrong secrets for a known key id therefore costs (almost) no Argon2 work, and the right secret never has to be turned
/// away to stop one, not even after a restart, when no verified key is in memory.
/// </summary>
/// <remarks>It is HMAC-SHA256 keyed with the stored hash, which never leaves the server: without the store nobody can
/// compute it, so wrong secrets that pass cannot be ground offline; each costs an online attempt. With the store, it
/// tells 16 bits about a secret of at least 192 random bits: brute force stays out of reach (2^176 guesses).</remarks>
internal static class SecretCheck
{
    public static int Of(string storedHash, ReadOnlySpan<byte> secret)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(storedHash), secret, mac);
        return BinaryPrimitives.ReadUInt16BigEndian(mac);
    }
}
