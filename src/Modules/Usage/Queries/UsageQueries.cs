using KsQuery.Modules.Usage.Aggregation;
using KsQuery.Modules.Usage.Storage;
using KsQuery.Modules.Usage.Tracking;

namespace KsQuery.Modules.Usage.Queries;

/// <summary>Dashboard reads. Each one first waits until the usage events of every call answered before it are handled,
/// then writes what is pending (a batch write, off the keyed path), then reads the store: a read sees every call
/// answered before it.</summary>
internal sealed class UsageQueries(UsageAggregator aggregator, IUsageStore store, UsageEventBuffer events)
{
    public const int MaxAlerts = 100;

    public async Task<IReadOnlyList<StoredBucket>> BucketsAsync(BucketFilter filter, CancellationToken cancellationToken)
    {
        await events.FlushAsync(cancellationToken);
        aggregator.Flush();
        return store.Buckets(filter);
    }

    public async Task<(IReadOnlyList<StoredRejection> Items, long Total)> RejectionsAsync(string accountId, DateTimeOffset? from, DateTimeOffset? to,
        int skip, int take, CancellationToken cancellationToken)
    {
        await events.FlushAsync(cancellationToken);
        aggregator.Flush();
        return store.Rejections(accountId, from, to, skip, take);
    }

    public async Task<IReadOnlyList<StoredAlert>> AlertsAsync(string accountId, string? keyId, DateTimeOffset? from, DateTimeOffset? to,
        CancellationToken cancellationToken)
    {
        await events.FlushAsync(cancellationToken);
        aggregator.Flush();
        return store.Alerts(accountId, keyId, from, to, MaxAlerts);
    }
}
