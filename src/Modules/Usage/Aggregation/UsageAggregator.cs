using KsQuery.Contracts.Messages;
using KsQuery.Modules.Usage.Storage;

namespace KsQuery.Modules.Usage.Aggregation;

/// <summary>Keeps counts not yet written in memory; the flusher moves them to the store in one batch.
/// Reads add the pending counts to the stored ones, under the same lock as the flush, so nothing is
/// counted twice or missed while a flush runs.</summary>
internal sealed class UsageAggregator(IUsageStore store)
{
    private readonly Lock _gate = new();
    private Dictionary<BucketKey, BucketCounts> _pending = [];

    public void Add(KeyedCallCompleted call)
    {
        var key = new BucketKey(call.KeyId, call.ApiId, call.Status, Minute(call.At));
        lock (_gate)
        {
            if (!_pending.TryGetValue(key, out var counts))
                _pending[key] = counts = new BucketCounts { AccountId = call.AccountId, Chain = call.Chain, Network = call.Network };
            counts.Add(call.DurationMs, call.At);
        }
    }

    public void Flush()
    {
        lock (_gate)
        {
            if (_pending.Count == 0)
                return;
            store.Merge(_pending);
            _pending = [];
        }
    }

    /// <summary>Every bucket of one key (stored and pending), optionally only minutes in [from, to).</summary>
    public List<StoredBucket> BucketsFor(string keyId, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        List<StoredBucket> buckets;
        lock (_gate)
        {
            buckets = store.BucketsForKey(keyId).ToList();
            buckets.AddRange(_pending.Where(p => p.Key.KeyId == keyId).Select(p => StoredBucket.From(p.Key, p.Value)));
        }
        return buckets.Where(b => (from is null || b.Minute >= from.Value.UtcDateTime) && (to is null || b.Minute < to.Value.UtcDateTime)).ToList();
    }

    private static DateTimeOffset Minute(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
}
