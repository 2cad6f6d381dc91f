using KsQuery.Modules.Usage;
using KsQuery.Modules.Usage.Aggregation;
using KsQuery.Modules.Usage.Retention;
using KsQuery.Modules.Usage.Storage;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Usage.Tests.Support;

namespace Usage.Tests.Storage;

/// <summary>Usage retention on a real LiteDB file: minute buckets rolled up into hours and days, days deleted past their
/// retention; totals over whole days are the same before and after, and after reopening the file.</summary>
public sealed class UsageRollUpTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("ksq-rollup-").FullName;
    private readonly FakeTimeProvider _time = new(T0);

    private string File => Path.Combine(_directory, "ksquery.db");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Totals_over_whole_days_are_equal_before_and_after_a_roll_up_and_after_reopening_the_file()
    {
        var options = new UsageOptions();
        options.Retention.MinuteBuckets = TimeSpan.FromDays(7);
        options.Retention.HourBuckets = TimeSpan.FromDays(90);
        WriteCalls(days: 120);
        Totals[] before;
        int bucketsBefore;
        using (var database = new LiteDatabase(File))
        {
            var store = new LiteDbUsageStore(database);
            before = Ranges().Select(r => Sum(store, r)).ToArray();
            bucketsBefore = database.GetCollection("usage_buckets").Count();

            _time.SetUtcNow(T0.AddDays(125).AddMinutes(17));
            var changed = new UsageRollUp(store, Microsoft.Extensions.Options.Options.Create(options), _time).Run();

            changed.ShouldBeGreaterThan(0);
            Ranges().Select(r => Sum(store, r)).ToArray().ShouldBe(before);
            var all = store.Buckets(new BucketFilter());
            all.Count.ShouldBeLessThan(bucketsBefore * 2 / 3);
            all.Where(b => b.MinuteUtc < T0.AddDays(118)).ShouldAllBe(b => b.Span != null, "minute buckets older than 7 days remain");
            all.Where(b => b.MinuteUtc < T0.AddDays(35)).ShouldAllBe(b => b.Span == BucketSpan.Day, "hour buckets older than 90 days remain");
            all.ShouldContain(b => b.Span == BucketSpan.Hour);
            all.ShouldContain(b => b.Span == null && b.MinuteUtc >= T0.AddDays(118));

            new UsageRollUp(store, Microsoft.Extensions.Options.Options.Create(options), _time).Run().ShouldBe(0, "a second run has nothing to do");
        }

        using (var reopened = new LiteDatabase(File))
        {
            var store = new LiteDbUsageStore(reopened);
            Ranges().Select(r => Sum(store, r)).ToArray().ShouldBe(before);
        }
    }

    [Fact]
    public void Calls_counted_into_an_hour_already_rolled_up_are_merged_into_it_at_the_next_run()
    {
        var options = new UsageOptions();
        options.Retention.MinuteBuckets = TimeSpan.FromDays(1);
        WriteCalls(days: 3);
        using var database = new LiteDatabase(File);
        var store = new LiteDbUsageStore(database);
        _time.SetUtcNow(T0.AddDays(3));
        var rollUp = new UsageRollUp(store, Microsoft.Extensions.Options.Options.Create(options), _time);
        rollUp.Run();
        var before = Sum(store, (T0, T0.AddDays(3)));

        // A late write (a flush retried after a long store outage) lands in a minute of an hour rolled up already.
        var aggregator = Aggregator(store, options);
        aggregator.Add(Support.Usage.Served("k1", T0.AddHours(5).AddMinutes(3), ms: 7));
        aggregator.Flush();
        rollUp.Run().ShouldBe(1);

        Sum(store, (T0, T0.AddDays(3))).Requests.ShouldBe(before.Requests + 1);
        store.Buckets(new BucketFilter(KeyId: "k1", From: T0.AddHours(5), To: T0.AddHours(6)))
            .Where(b => b.Served && b.Status == 200 && b.ApiId == "network-info").ShouldHaveSingleItem().Span.ShouldBe(BucketSpan.Hour);
    }

    [Fact]
    public void Day_buckets_past_their_retention_are_deleted_and_younger_days_kept_exactly()
    {
        var options = new UsageOptions();
        options.Retention.MinuteBuckets = TimeSpan.FromDays(2);
        options.Retention.HourBuckets = TimeSpan.FromDays(10);
        options.Retention.DayBuckets = TimeSpan.FromDays(30);
        WriteCalls(days: 60);
        using var database = new LiteDatabase(File);
        var store = new LiteDbUsageStore(database);
        var kept = Sum(store, (T0.AddDays(30), T0.AddDays(60)));

        _time.SetUtcNow(T0.AddDays(60));
        new UsageRollUp(store, Microsoft.Extensions.Options.Options.Create(options), _time).Run();

        store.Buckets(new BucketFilter(To: T0.AddDays(30))).ShouldBeEmpty();
        Sum(store, (T0.AddDays(30), T0.AddDays(60))).ShouldBe(kept);
    }

    /// <summary>Two keys, a call every 37 minutes each, of mixed outcomes, written through the aggregator into the file.</summary>
    private void WriteCalls(int days)
    {
        using var database = new LiteDatabase(File);
        var store = new LiteDbUsageStore(database);
        var aggregator = Aggregator(store, new UsageOptions());
        var i = 0;
        for (var at = T0; at < T0.AddDays(days); at = at.AddMinutes(37), i++)
        {
            aggregator.Add(i % 5 == 4
                ? Support.Usage.Refused("k1", at.AddSeconds(i % 60))
                : Support.Usage.Served("k1", at.AddSeconds(i % 60), status: i % 7 == 0 ? 404 : 200, ms: 1 + i % 250, api: i % 3 == 0 ? "blocks" : "network-info"));
            aggregator.Add(Support.Usage.Served("k2", at.AddMinutes(11), ms: 3));
            if (i % 500 == 0)
                aggregator.Flush();
        }
        aggregator.Flush();
    }

    private UsageAggregator Aggregator(LiteDbUsageStore store, UsageOptions options)
    {
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        var health = new UsageWriteHealth(new TestMeters(), _time);
        return new UsageAggregator(store, new UsageBatchWriter(store, health, NullLogger<UsageBatchWriter>.Instance), wrapped);
    }

    private static IEnumerable<(DateTimeOffset From, DateTimeOffset To)> Ranges() =>
    [
        (T0, T0.AddDays(200)),
        (T0.AddDays(10), T0.AddDays(40)),
        (T0.AddDays(100), T0.AddDays(101)),
        (T0.AddDays(119), T0.AddDays(120)),
    ];

    private sealed record Totals(long Requests, long Errors, long Served, long ByApiBlocks, double TotalMs, double MaxMs, long HistogramCalls,
        DateTimeOffset? LastUsedAt, string PerKey);

    private static Totals Sum(IUsageStore store, (DateTimeOffset From, DateTimeOffset To) range)
    {
        var buckets = store.Buckets(new BucketFilter(From: range.From, To: range.To));
        return new Totals(
            buckets.Sum(b => b.Requests),
            buckets.Where(b => b.IsError).Sum(b => b.Requests),
            buckets.Where(b => b.Served).Sum(b => b.Requests),
            buckets.Where(b => b.ApiId == "blocks").Sum(b => b.Requests),
            Math.Round(buckets.Sum(b => b.TotalMs), 6),
            buckets.Count == 0 ? 0 : buckets.Max(b => b.MaxMs),
            buckets.Sum(b => b.Histogram?.Sum() ?? 0),
            buckets.Max(b => b.LastUsedAt),
            string.Join(",", buckets.GroupBy(b => b.KeyId).OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Sum(b => b.Requests)}")));
    }
}
