namespace KsQuery.Modules.Usage.Aggregation;

/// <summary>Counts of one key's calls to one API with one status in one minute.</summary>
internal sealed record BucketKey(string KeyId, string ApiId, int Status, DateTimeOffset Minute)
{
    public string Id => $"{KeyId}|{ApiId}|{Status}|{Minute.UtcTicks}";
}

internal sealed class BucketCounts
{
    public required string AccountId { get; init; }
    public required string Chain { get; init; }
    public required string Network { get; init; }
    public long Requests { get; set; }
    public double TotalMs { get; set; }
    public double MaxMs { get; set; }
    public DateTimeOffset LastAt { get; set; }

    public void Add(double durationMs, DateTimeOffset at)
    {
        Requests++;
        TotalMs += durationMs;
        MaxMs = Math.Max(MaxMs, durationMs);
        if (at > LastAt)
            LastAt = at;
    }
}
