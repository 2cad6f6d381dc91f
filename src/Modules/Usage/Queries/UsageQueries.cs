using KsQuery.Modules.Usage.Aggregation;
using KsQuery.Modules.Usage.Storage;
using KsQuery.Modules.Usage.Tracking;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Usage.Queries;

/// <summary>Dashboard reads. Each one first waits until the usage events of every call answered before it are handled,
/// then writes what is pending (a batch write, off the keyed path), then reads the store: a read sees every call
/// answered before it. Both waits together last at most <see cref="UsageOptions.ReadTimeout"/>; past it, or when the
/// store cannot be written, the read throws <see cref="UsageUnavailableException"/> (503) rather than answer a count
/// that may be short.</summary>
internal sealed class UsageQueries(UsageAggregator aggregator, IUsageStore store, UsageEventBuffer events, IOptions<UsageOptions> options,
    TimeProvider time)
{
    public const int MaxAlerts = 100;

    public async Task<IReadOnlyList<StoredBucket>> BucketsAsync(BucketFilter filter, CancellationToken cancellationToken)
    {
        await UpToDateAsync(cancellationToken);
        return store.Buckets(filter);
    }

    public async Task<(IReadOnlyList<StoredRejection> Items, long Total)> RejectionsAsync(string accountId, DateTimeOffset? from, DateTimeOffset? to,
        int skip, int take, CancellationToken cancellationToken)
    {
        await UpToDateAsync(cancellationToken);
        return store.Rejections(accountId, from, to, skip, take);
    }

    public async Task<(IReadOnlyList<StoredRejection> Items, long Total)> KeyRejectionsAsync(string keyId, DateTimeOffset? from, DateTimeOffset? to,
        int take, CancellationToken cancellationToken)
    {
        await UpToDateAsync(cancellationToken);
        return store.KeyRejections(keyId, from, to, take);
    }

    public async Task<IReadOnlyList<StoredAlert>> AlertsAsync(string accountId, string? keyId, DateTimeOffset? from, DateTimeOffset? to,
        CancellationToken cancellationToken)
    {
        await UpToDateAsync(cancellationToken);
        return store.Alerts(accountId, keyId, from, to, MaxAlerts);
    }

    private async Task UpToDateAsync(CancellationToken cancellationToken)
    {
        var budget = options.Value.ReadTimeout;
        var started = time.GetTimestamp();
        if (!await events.FlushAsync(budget, cancellationToken))
            throw new UsageUnavailableException("The usage events of earlier calls were not counted within Usage:ReadTimeout.");
        var left = budget - time.GetElapsedTime(started);
        try
        {
            if (!aggregator.TryFlush(left > TimeSpan.Zero ? left : TimeSpan.Zero))
                throw new UsageUnavailableException("Another usage write did not finish within Usage:ReadTimeout.");
        }
        catch (UsageStoreUnavailableException ex)
        {
            throw new UsageUnavailableException("The usage store cannot be written.", ex);
        }
    }
}
