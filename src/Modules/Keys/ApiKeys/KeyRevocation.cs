using KsQuery.Modules.Keys.Authentication;
using KsQuery.Modules.Keys.CacheSync;
using KsQuery.Modules.Keys.Storage;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace KsQuery.Modules.Keys.ApiKeys;

/// <summary>Makes a revoke or roll take effect on the very next request: evicts the key from this instance's
/// cache before answering, publishes <see cref="ApiKeyRevoked"/> in this instance and tells the other instances sharing the
/// store (<see cref="IKeyCacheBroadcast"/>).</summary>
internal sealed class KeyRevocation(VerifiedKeyCache cache, IKeyCacheBroadcast broadcast, IAccountStore accounts, ILogger<KeyRevocation> logger)
{
    public async Task AnnounceAsync(IMessageBus bus, string keyId)
    {
        cache.Evict(keyId);
        try
        {
            await bus.PublishAsync(new ApiKeyRevoked(keyId));
        }
        catch (Exception e)
        {
            // The revocation is committed and this instance's cache is clean; only the broadcast failed.
            logger.LogWarning(e, "Could not publish the revocation of key {KeyId}", keyId);
        }
        await EvictElsewhereAsync(keyId);
    }

    /// <summary>Tells the other instances to drop the key from their caches (an edit of its restrictions, which this
    /// instance applies in place).</summary>
    public async Task EvictElsewhereAsync(string keyId)
    {
        try
        {
            await broadcast.EvictElsewhereAsync(keyId, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The other instances drop the key at their next revalidation (Store:Revalidation).
            logger.LogWarning(e, "Could not tell the other instances to drop key {KeyId}", keyId);
        }
    }

    /// <summary>Points the account's selection away from a key that no longer works (or at its replacement).</summary>
    public async Task ReplaceActiveKeyAsync(string accountId, string keyId, string? replacementId, CancellationToken cancellationToken)
    {
        var account = await accounts.FindByIdAsync(accountId, cancellationToken);
        if (account?.Selection is { } selection && selection.ActiveKeyId == keyId)
            await accounts.UpdateSelectionAsync(accountId, selection with { ActiveKeyId = replacementId }, cancellationToken);
    }
}
