namespace KsQuery.Modules.Keys.CacheSync;

/// <summary>Tells the other instances sharing the store to drop a key from their verified-key cache (revoke, roll, edit
/// of restrictions, account disabled or enabled). This instance's own cache is evicted by the caller.</summary>
internal interface IKeyCacheBroadcast
{
    Task EvictElsewhereAsync(string keyId, CancellationToken cancellationToken);
}

/// <summary>The LiteDB store: one instance, nobody else to tell.</summary>
internal sealed class SingleInstance : IKeyCacheBroadcast
{
    public Task EvictElsewhereAsync(string keyId, CancellationToken cancellationToken) => Task.CompletedTask;
}
