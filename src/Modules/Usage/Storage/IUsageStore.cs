using KsQuery.Modules.Usage.Aggregation;

namespace KsQuery.Modules.Usage.Storage;

/// <summary>Where usage counts live; LiteDB today, a server database for multi-instance deployments later.</summary>
internal interface IUsageStore
{
    /// <summary>Adds the counts to the stored buckets in one transaction.</summary>
    void Merge(IReadOnlyDictionary<BucketKey, BucketCounts> counts);

    IEnumerable<StoredBucket> BucketsForKey(string keyId);
}
