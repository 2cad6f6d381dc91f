using KsQuery.Modules.Usage.Aggregation;

namespace KsQuery.Modules.Usage.Storage;

/// <summary>Everything gathered in memory since the last flush, written in one transaction.</summary>
internal sealed record UsageBatch(
    IReadOnlyDictionary<BucketKey, BucketCounts> Buckets,
    IReadOnlyList<StoredRejection> Rejections,
    IReadOnlyList<StoredAlert> Alerts,
    IReadOnlyList<StoredAddress> Addresses)
{
    public bool IsEmpty => Buckets.Count == 0 && Rejections.Count == 0 && Alerts.Count == 0 && Addresses.Count == 0;
}

/// <summary>Which buckets to read: an account's or one key's, minutes in [From, To).</summary>
internal sealed record BucketFilter(string? AccountId = null, string? KeyId = null, DateTimeOffset? From = null, DateTimeOffset? To = null);
