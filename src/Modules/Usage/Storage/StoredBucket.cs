using KsQuery.Modules.Usage.Aggregation;

namespace KsQuery.Modules.Usage.Storage;

/// <summary>A minute bucket as stored (collection <c>usage_buckets</c>).</summary>
internal sealed class StoredBucket : IBucketTotals
{
    public string Id { get; set; } = "";
    public string KeyId { get; set; } = "";
    public string AccountId { get; set; } = "";
    public string Chain { get; set; } = "";
    public string Network { get; set; } = "";
    public string ApiId { get; set; } = "";
    public int Status { get; set; }

    /// <summary>Refusal code, empty (or null in buckets written before it existed) for served calls.</summary>
    public string? Code { get; set; }

    /// <summary>The start of the bucket: its minute, or its hour or day once rolled up (<see cref="Span"/>).</summary>
    public DateTime Minute { get; set; }

    /// <summary>Null for a minute bucket (every bucket written before retention existed is one); <see cref="BucketSpan.Hour"/>
    /// or <see cref="BucketSpan.Day"/> once rolled up.</summary>
    public BucketSpan? Span { get; set; }
    public long Requests { get; set; }
    public double TotalMs { get; set; }
    public double MaxMs { get; set; }
    public DateTimeOffset LastAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public long[]? Histogram { get; set; }

    public bool Served => string.IsNullOrEmpty(Code);

    public bool IsError => Status >= 400;

    public DateTimeOffset MinuteUtc => new(StoredTime.Utc(Minute), TimeSpan.Zero);

    public static StoredBucket From(BucketKey key, BucketCounts counts) => new()
    {
        Id = key.Id,
        KeyId = key.KeyId,
        AccountId = counts.AccountId,
        Chain = counts.Chain,
        Network = counts.Network,
        ApiId = key.ApiId,
        Status = key.Status,
        Code = key.Code,
        Minute = key.Minute.UtcDateTime,
        Requests = counts.Requests,
        TotalMs = counts.TotalMs,
        MaxMs = counts.MaxMs,
        LastAt = counts.LastAt,
        LastUsedAt = counts.LastUsedAt,
        Histogram = [.. counts.Histogram],
    };

    /// <summary>The id of the hour or day bucket <paramref name="bucket"/> is rolled up into.</summary>
    public static string RolledUpId(StoredBucket bucket, BucketSpan into) =>
        $"{bucket.KeyId}|{bucket.ApiId}|{bucket.Status}|{bucket.Code ?? ""}|{Start(bucket.MinuteUtc, into).UtcTicks}|{into}";

    /// <summary>An empty bucket of span <paramref name="into"/> for what <paramref name="first"/> is counted under.</summary>
    public static StoredBucket RolledUp(string id, StoredBucket first, BucketSpan into) => new()
    {
        Id = id,
        KeyId = first.KeyId,
        AccountId = first.AccountId,
        Chain = first.Chain,
        Network = first.Network,
        ApiId = first.ApiId,
        Status = first.Status,
        Code = first.Code ?? "",
        Minute = Start(first.MinuteUtc, into).UtcDateTime,
        Span = into,
        Histogram = [],
    };

    private static DateTimeOffset Start(DateTimeOffset at, BucketSpan span)
    {
        var unit = span == BucketSpan.Day ? TimeSpan.TicksPerDay : TimeSpan.TicksPerHour;
        return new DateTimeOffset(at.UtcTicks - at.UtcTicks % unit, TimeSpan.Zero);
    }
}

internal enum BucketSpan
{
    Hour = 1,
    Day = 2,
}

internal static class StoredTime
{
    /// <summary>LiteDB hands dates back in local time; this is the same instant as UTC.</summary>
    public static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => value.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => value,
    };

    public static DateTimeOffset Utc(DateTimeOffset value) => value.ToUniversalTime();
}
