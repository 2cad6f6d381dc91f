using System.Collections.Concurrent;

namespace KsQuery.Modules.Keys.Authentication;

/// <summary>Wrong secrets that passed a key's <see cref="Hashing.SecretCheck"/> and were refuted by Argon2id: sent
/// again, they are refused without another hash, so finding one (about 65 536 online tries) buys a flood a single hash,
/// not one per replay. Bounded: when full it starts over.</summary>
internal sealed class RefutedSecrets
{
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, byte> _refuted = new(StringComparer.Ordinal);

    /// <param name="keyAndFingerprint">The key id and the SHA-256 of the presented key.</param>
    public bool Contains(string keyAndFingerprint) => _refuted.ContainsKey(keyAndFingerprint);

    public void Add(string keyAndFingerprint)
    {
        if (_refuted.Count >= Capacity)
            _refuted.Clear();
        _refuted.TryAdd(keyAndFingerprint, 0);
    }
}
