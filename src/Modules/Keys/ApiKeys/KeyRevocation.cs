using KsQuery.Modules.Keys.Authentication;
using KsQuery.Modules.Keys.Storage;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace KsQuery.Modules.Keys.ApiKeys;

/// <summary>Makes a revoke or roll take effect on the very next request: evicts the key from this instance's
/// cache before answering and publishes <see cref="ApiKeyRevoked"/> for every cache (other instances later).</summary>
internal sealed class KeyRevocation(VerifiedKeyCache cache, IAccountStore accounts, ILogger<KeyRevocation> logger)
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
    }

    /// <summary>Points the account's selection away from a key that no longer works (or at its replacement).</summary>
    public async Task ReplaceActiveKeyAsync(string accountId, string keyId, string? replacementId, CancellationToken cancellationToken)
    {
        var account = await accounts.FindByIdAsync(accountId, cancellationToken);
        if (account?.Selection is { } selection && selection.ActiveKeyId == keyId)
            await accounts.UpdateSelectionAsync(accountId, selection with { ActiveKeyId = replacementId }, cancellationToken);
    }
}
