using System.Collections.Concurrent;
using KsQuery.Contracts.Http;

namespace KsQuery.Modules.Keys.Authentication;

/// <summary>Keys whose secret has been verified once, with a SHA-256 of that secret, so later calls need
/// neither Argon2 nor a store read. Entries are evicted on revoke/roll; expiry is checked on every use.</summary>
internal sealed class VerifiedKeyCache : IVerifiedKeyCache
{
    private readonly ConcurrentDictionary<string, CachedKey> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CachedKey>.AlternateLookup<ReadOnlySpan<char>> _entriesBySpan;

    public VerifiedKeyCache() => _entriesBySpan = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    private long _evictions;

    /// <summary>Take this before reading the store; <see cref="TryAdd"/> drops entries read before a later eviction.</summary>
    public long Version => Interlocked.Read(ref _evictions);

    public int Count => _entries.Count;

    /// <summary>The keys verified so far (a moment's view), for revalidation against the store.</summary>
    public ICollection<CachedKey> Entries => _entries.Values;

    public bool TryGet(ReadOnlySpan<char> keyId, out CachedKey entry) => _entriesBySpan.TryGetValue(keyId, out entry!);

    public void TryAdd(CachedKey entry, long versionBeforeRead)
    {
        _entries[entry.Key.KeyId] = entry;
        // A revoke may have evicted between our store read and now; then the entry is stale.
        if (Interlocked.Read(ref _evictions) != versionBeforeRead)
            _entries.TryRemove(new KeyValuePair<string, CachedKey>(entry.Key.KeyId, entry));
    }

    public void Evict(string keyId)
    {
        Interlocked.Increment(ref _evictions);
        _entries.TryRemove(keyId, out _);
    }

    /// <summary>New restrictions for a key, in force from its next call; a verification reading the store meanwhile
    /// is dropped (as on eviction), so the old restrictions cannot come back.</summary>
    public void ChangeRestrictions(string keyId, CompiledRestrictions? restrictions)
    {
        Interlocked.Increment(ref _evictions);
        while (_entries.TryGetValue(keyId, out var entry) && !_entries.TryUpdate(keyId, entry with { Restrictions = restrictions }, entry))
        {
        }
    }
}

/// <summary>A verified key: what the request pipeline needs, the secret's SHA-256, and when it stops working.</summary>
/// <param name="AccountDisabled">The key's account is disabled: <see cref="RevokeAt"/> is then <see cref="DateTimeOffset.MinValue"/>,
/// so the hot path's one check for a stopped key covers it, and the refusal says <c>key_disabled</c>.</param>
internal sealed record CachedKey(VerifiedKey Key, byte[] SecretSha256, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokeAt,
    CompiledRestrictions? Restrictions = null, bool AccountDisabled = false)
{
    /// <summary>Who a refusal of this key is reported to; built once, not per refused call.</summary>
    public ApiKeyRecordSummary Summary { get; } = ApiKeyRecordSummary.Of(Key);
}
