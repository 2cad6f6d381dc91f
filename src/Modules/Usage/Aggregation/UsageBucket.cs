namespace KsQuery.Modules.Usage.Aggregation;

/// <summary>Counts of one key's calls to one API with one status and outcome in one minute.</summary>
/// <param name="Code">The refusal code for calls refused for their key (<c>key_revoked</c>, <c>rate_limited</c>, ...),
/// empty for calls that went on to the chain API ("served", whatever the API answered).</param>
internal sealed record BucketKey(string KeyId, string ApiId, int Status, string Code, DateTimeOffset Minute)
{
    public string Id => $"{KeyId}|{ApiId}|{Status}|{Code}|{Minute.UtcTicks}";

    public bool Served => Code.Length == 0;
}

internal sealed class BucketCounts : IBucketTotals
{
    public required string AccountId { get; init; }
    public required string Chain { get; init; }
    public required string Network { get; init; }
    public long Requests { get; set; }
    public double TotalMs { get; set; }
    public double MaxMs { get; set; }
    public DateTimeOffset LastAt { get; set; }

    /// <summary>The latest call that was a use of the key (not refused at authentication); null when none was.</summary>
    public DateTimeOffset? LastUsedAt { get; set; }

    public long[] Histogram { get; set; } = [];

    long[]? IBucketTotals.Histogram
    {
        get => Histogram;
        set => Histogram = value ?? [];
    }

    public void Add(double durationMs, DateTimeOffset at, bool isUse)
    {
        Requests++;
        TotalMs += durationMs;
        MaxMs = Math.Max(MaxMs, durationMs);
        Histogram = LatencyHistogram.Add(Histogram, durationMs);
        if (at > LastAt)
            LastAt = at;
        if (isUse && (LastUsedAt is null || at > LastUsedAt))
            LastUsedAt = at;
    }

    public static DateTimeOffset MinuteOf(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
}
