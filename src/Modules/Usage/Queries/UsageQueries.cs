using KsQuery.Modules.Usage.Aggregation;
using KsQuery.Modules.Usage.Storage;

namespace KsQuery.Modules.Usage.Queries;

/// <summary>Dashboard reads. Each one first writes what is pending (a batch write, off the keyed path), so it sees
/// every call whose usage event has been handled, then reads the store.</summary>
internal sealed class UsageQueries(UsageAggregator aggregator, IUsageStore store)
{
    public const int MaxAlerts = 100;

    public IReadOnlyList<StoredBucket> Buckets(BucketFilter filter)
    {
        aggregator.Flush();
        return store.Buckets(filter);
    }

    public (IReadOnlyList<StoredRejection> Items, long Total) Rejections(string accountId, DateTimeOffset? from, DateTimeOffset? to, int skip, int take)
    {
        aggregator.Flush();
        return store.Rejections(accountId, from, to, skip, take);
    }

    public IReadOnlyList<StoredAlert> Alerts(string accountId, string? keyId, DateTimeOffset? from, DateTimeOffset? to)
    {
        aggregator.Flush();
        return store.Alerts(accountId, keyId, from, to, MaxAlerts);
    }
}
