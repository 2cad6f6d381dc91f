using System.Collections.Concurrent;
using KsQuery.Contracts.Messages;

namespace KsQuery.Modules.Keys.LastUse;

/// <summary><c>lastUsedAt</c> per key, kept in memory and written to the store in batches by
/// <see cref="LastUseFlusher"/>: a keyed call never causes a store write of its own. Fed by <see cref="LastUseHandler"/>, and
/// directly with the calls the Usage module could not publish (a graceful stop).</summary>
internal sealed class LastUseTracker : IKeyActivity, IUnpublishedKeyedCalls
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _pending = new(StringComparer.Ordinal);

    public void Record(string keyId, DateTimeOffset at) =>
        _pending.AddOrUpdate(keyId, at, (_, existing) => at > existing ? at : existing);

    void IUnpublishedKeyedCalls.Handle(KeyedCallsCompleted message) => LastUseHandler.Handle(message, this);

    /// <summary>The newest use not yet written, if any.</summary>
    public DateTimeOffset? Pending(string keyId) => _pending.TryGetValue(keyId, out var at) ? at : null;

    public DateTimeOffset? Latest(string keyId, DateTimeOffset? stored) =>
        Pending(keyId) is { } pending && (stored is null || pending > stored) ? pending : stored;

    public IReadOnlyCollection<KeyValuePair<string, DateTimeOffset>> Snapshot() => _pending.ToArray();

    /// <summary>Forgets written values unless a newer use arrived meanwhile.</summary>
    public void Acknowledge(IEnumerable<KeyValuePair<string, DateTimeOffset>> written)
    {
        foreach (var entry in written)
            _pending.TryRemove(entry);
    }
}
