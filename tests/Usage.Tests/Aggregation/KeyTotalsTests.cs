using KsQuery.Modules.Usage.Aggregation;
using KsQuery.Modules.Usage.Storage;

namespace Usage.Tests.Aggregation;

/// <summary>The per-API breakdown carries each API's latency percentiles, merged from the histograms of its buckets.</summary>
public sealed class KeyTotalsTests
{
    private static readonly DateTime Minute = new(2031, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Each_api_gets_the_percentiles_of_its_own_calls_across_minutes_and_statuses()
    {
        var buckets = new[]
        {
            Bucket("block", 200, Minute, 1.0, 1.0, 1.0, 1.0, 1.0),
            Bucket("block", 404, Minute.AddMinutes(1), 1.0, 1.0, 1.0, 1.0, 80.0),
            Bucket("network-info", 200, Minute, 0.2, 0.2),
        };

        var byApi = KeyTotals.From(buckets).ByApi.ToDictionary(a => a.ApiId);

        byApi["block"].Requests.ShouldBe(10);
        byApi["block"].Errors.ShouldBe(5);
        byApi["block"].P50Ms.ShouldBe(Math.Round(LatencyHistogram.UpperBound(LatencyHistogram.SlotOf(1.0)), 3));
        byApi["block"].P95Ms.ShouldBe(80.0, "the slot's upper bound is capped at the largest duration seen");
        byApi["network-info"].P50Ms.ShouldBe(Math.Round(LatencyHistogram.UpperBound(LatencyHistogram.SlotOf(0.2)), 3));
        byApi["network-info"].P95Ms.ShouldBe(byApi["network-info"].P50Ms);
    }

    [Fact]
    public void Buckets_stored_without_a_histogram_give_no_percentiles()
    {
        var bucket = Bucket("block", 200, Minute, 1.0);
        bucket.Histogram = null;

        var api = KeyTotals.From([bucket]).ByApi.ShouldHaveSingleItem();

        api.Requests.ShouldBe(1);
        api.P50Ms.ShouldBeNull();
        api.P95Ms.ShouldBeNull();
    }

    private static StoredBucket Bucket(string api, int status, DateTime minute, params double[] durations)
    {
        long[] histogram = [];
        foreach (var ms in durations)
            histogram = LatencyHistogram.Add(histogram, ms);
        return new StoredBucket
        {
            Id = $"k|{api}|{status}||{minute.Ticks}", KeyId = "k", AccountId = "acct", Chain = "kalp", Network = "testnet",
            ApiId = api, Status = status, Code = "", Minute = minute, Requests = durations.Length, TotalMs = durations.Sum(),
            MaxMs = durations.Max(), LastAt = new DateTimeOffset(minute, TimeSpan.Zero), Histogram = histogram,
        };
    }
}
