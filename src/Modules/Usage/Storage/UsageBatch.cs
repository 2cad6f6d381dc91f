using KsQuery.Modules.Usage.Aggregation;

namespace KsQuery.Modules.Usage.Storage;

/// <summary>Everything gathered in memory since the last flush, written in one transaction.</summary>
internal sealed record UsageBatch(
    IReadOnlyDictionary<BucketKey, BucketCounts> Buckets,
    IReadOnlyList<StoredRejection> Rejections,
    IReadOnlyList<StoredAlert> Alerts,
    IReadOnlyList<StoredAddress> Addresses)
{
    public static readonly UsageBatch Empty = new(new Dictionary<BucketKey, BucketCounts>(), [], [], []);

    public bool IsEmpty => Count == 0;

    public int Count => Buckets.Count + Rejections.Count + Alerts.Count + Addresses.Count;

    /// <summary>Each record as a batch of its own, with a description for the log (kind and key id, never client text).</summary>
    public IEnumerable<(string Description, UsageBatch Record)> Records()
    {
        foreach (var (key, counts) in Buckets)
            yield return ($"the usage bucket {key.Id}", Empty with { Buckets = new Dictionary<BucketKey, BucketCounts> { [key] = counts } });
        foreach (var rejection in Rejections)
            yield return ($"a {rejection.Code} rejection of key {rejection.KeyId} at {rejection.At:O}", Empty with { Rejections = [rejection] });
        foreach (var alert in Alerts)
            yield return ($"a {alert.Kind} alert of key {alert.KeyId} at {alert.At:O}", Empty with { Alerts = [alert] });
        foreach (var address in Addresses)
            yield return ($"a client address of key {address.KeyId}", Empty with { Addresses = [address] });
    }

    public static UsageBatch Combine(IReadOnlyCollection<UsageBatch> batches) => batches.Count == 0
        ? Empty
        : new UsageBatch(
            batches.SelectMany(b => b.Buckets).ToDictionary(),
            [.. batches.SelectMany(b => b.Rejections)],
            [.. batches.SelectMany(b => b.Alerts)],
            [.. batches.SelectMany(b => b.Addresses)]);
}

/// <summary>Which buckets to read: an account's or one key's, minutes in [From, To).</summary>
internal sealed record BucketFilter(string? AccountId = null, string? KeyId = null, DateTimeOffset? From = null, DateTimeOffset? To = null);
