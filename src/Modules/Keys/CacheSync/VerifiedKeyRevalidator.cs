using KsQuery.Modules.Keys.ApiKeys.Restrictions;
using KsQuery.Modules.Keys.Authentication;
using KsQuery.Modules.Keys.Storage;

namespace KsQuery.Modules.Keys.CacheSync;

/// <summary>Checks every verified key in the cache against the store and evicts each one whose stored state (revocation,
/// roll, expiry, limits, restrictions, account disabled) differs from what the cache answers with; its next call reads
/// the store again. Off the request path: one store read per cached key, no hashing.</summary>
internal sealed class VerifiedKeyRevalidator(VerifiedKeyCache cache, IVerifiedKeyCache evictions, IApiKeyStore keys, IAccountStore accounts,
    TimeProvider time)
{
    /// <summary>Answers how many keys were evicted.</summary>
    public async Task<int> RevalidateAsync(CancellationToken cancellationToken)
    {
        var evicted = 0;
        var now = time.GetUtcNow();
        foreach (var cached in cache.Entries)
        {
            var record = await keys.FindAsync(cached.Key.KeyId, cancellationToken);
            if (record is not null && await StillMatchesAsync(cached, record, now, cancellationToken))
                continue;
            evictions.Evict(cached.Key.KeyId);
            evicted++;
        }
        return evicted;
    }

    private async Task<bool> StillMatchesAsync(CachedKey cached, ApiKeyRecord record, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var revokeAt = record.RevokedAt ?? record.RevokeAt;
        if (cached.ExpiresAt != record.ExpiresAt || cached.Key.RateLimitPerSecond != record.RateLimitPerSecond
            || cached.Key.MonthlyQuota != record.MonthlyQuota
            || !(cached.Restrictions?.Source ?? KeyRestrictions.None).SameAs(record.Restrictions ?? KeyRestrictions.None))
            return false;
        // As the verifier builds it: a key of a disabled account (personal keys only, not yet stopped) reads as stopped.
        var disabled = record.TeamId is null && !(revokeAt <= now)
            && (await accounts.FindByIdAsync(record.AccountId, cancellationToken))?.DisabledAt is not null;
        return cached.AccountDisabled == disabled && cached.RevokeAt == (disabled ? DateTimeOffset.MinValue : revokeAt);
    }
}
