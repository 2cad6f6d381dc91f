namespace KsQuery.Modules.Usage.Aggregation;

/// <summary>The totals of a usage bucket, pending (<see cref="BucketCounts"/>) or stored (<c>StoredBucket</c>).</summary>
internal interface IBucketTotals
{
    long Requests { get; set; }
    double TotalMs { get; set; }
    double MaxMs { get; set; }
    DateTimeOffset LastAt { get; set; }
    DateTimeOffset? LastUsedAt { get; set; }
    long[]? Histogram { get; set; }
}

internal static class BucketTotals
{
    /// <summary>Adds the totals of <paramref name="other"/> (the same bucket, or one rolled up into it).</summary>
    public static void Merge(this IBucketTotals into, IBucketTotals other)
    {
        into.Requests += other.Requests;
        into.TotalMs += other.TotalMs;
        into.MaxMs = Math.Max(into.MaxMs, other.MaxMs);
        if (other.LastAt > into.LastAt)
            into.LastAt = other.LastAt;
        if (other.LastUsedAt is { } used && (into.LastUsedAt is null || used > into.LastUsedAt))
            into.LastUsedAt = used;
        into.Histogram = LatencyHistogram.Merge(into.Histogram ?? [], other.Histogram);
    }
}
