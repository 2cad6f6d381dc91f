using KsQuery.Modules.Usage.Aggregation;

namespace KsQuery.Modules.Usage.Storage;

/// <summary>A minute bucket as stored (collection <c>usage_buckets</c>).</summary>
internal sealed class StoredBucket
{
    public string Id { get; set; } = "";
    public string KeyId { get; set; } = "";
    public string AccountId { get; set; } = "";
    public string Chain { get; set; } = "";
    public string Network { get; set; } = "";
    public string ApiId { get; set; } = "";
    public int Status { get; set; }
    public DateTime Minute { get; set; }
    public long Requests { get; set; }
    public double TotalMs { get; set; }
    public double MaxMs { get; set; }
    public DateTimeOffset LastAt { get; set; }

    public static StoredBucket From(BucketKey key, BucketCounts counts) => new()
    {
        Id = key.Id,
        KeyId = key.KeyId,
        AccountId = counts.AccountId,
        Chain = counts.Chain,
        Network = counts.Network,
        ApiId = key.ApiId,
        Status = key.Status,
        Minute = key.Minute.UtcDateTime,
        Requests = counts.Requests,
        TotalMs = counts.TotalMs,
        MaxMs = counts.MaxMs,
        LastAt = counts.LastAt,
    };
}
