using KsQuery.Modules.Usage;
using KsQuery.Modules.Usage.Storage;
using Usage.Tests.Support;

namespace Usage.Tests.Aggregation;

public sealed class UsageAggregatorTests
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Concurrent_events_and_flushes_count_every_call_exactly_once()
    {
        using var usage = new Support.Usage();
        var flushing = true;
        var flusher = Task.Run(() =>
        {
            while (Volatile.Read(ref flushing))
                usage.Aggregator.Flush();
        });

        Parallel.For(0, 20_000, i =>
        {
            var at = T0.AddSeconds(i % 300);
            usage.Aggregator.Add(i % 5 == 0 ? Support.Usage.Refused($"k{i % 3}", at) : Support.Usage.Served($"k{i % 3}", at, i % 7 == 0 ? 404 : 200));
        });
        Volatile.Write(ref flushing, false);
        await flusher;
        usage.Aggregator.Flush();

        var buckets = usage.Store.Buckets(new BucketFilter(AccountId: "acct"));
        buckets.Sum(b => b.Requests).ShouldBe(20_000);
        buckets.Where(b => !b.Served).Sum(b => b.Requests).ShouldBe(4_000);
        buckets.Sum(b => b.Histogram!.Sum()).ShouldBe(20_000);
        buckets.Select(b => b.MinuteUtc).Distinct().Count().ShouldBe(5);
    }

    [Fact]
    public async Task Calls_are_counted_while_a_flush_writes_and_what_it_could_not_write_is_put_back_with_them()
    {
        using var writing = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var storeDown = true;
        using var usage = new Support.Usage(store: real => new RefusingUsageStore(real, _ =>
        {
            writing.Set();
            release.Wait();
            return Volatile.Read(ref storeDown);
        }) { Error = () => new IOException("disk gone") });
        usage.Aggregator.Add(Support.Usage.Served("k1", T0, ms: 3));
        var flush = Task.Run(usage.Aggregator.Flush);
        writing.Wait(TimeSpan.FromSeconds(30)).ShouldBeTrue();

        // The flush is writing (for hundreds of milliseconds with thousands of keys in use): counting must not wait for it.
        var counting = Task.Run(() => usage.Aggregator.Add(Support.Usage.Served("k1", T0.AddSeconds(5), ms: 40)));
        (await Task.WhenAny(counting, Task.Delay(TimeSpan.FromSeconds(30)))).ShouldBe(counting, "a call's counting waited for the flush's write");

        release.Set();
        await Should.ThrowAsync<UsageStoreUnavailableException>(flush);
        Volatile.Write(ref storeDown, false);
        usage.Aggregator.Flush();

        var bucket = usage.Store.Buckets(new BucketFilter(KeyId: "k1")).ShouldHaveSingleItem();
        bucket.Requests.ShouldBe(2, "the unwritten call put back, and the one counted during the write added to it");
        bucket.Histogram!.Sum().ShouldBe(2);
        bucket.MaxMs.ShouldBe(40);
    }

    [Fact]
    public void Runs_and_interleavings_of_buckets_each_count_in_their_own_and_a_flushed_bucket_is_not_counted_into()
    {
        using var usage = new Support.Usage();
        usage.Aggregator.Add(Support.Usage.Served("k1", T0, api: "a"));
        usage.Aggregator.Add(Support.Usage.Served("k1", T0, api: "a"));
        usage.Aggregator.Add(Support.Usage.Served("k1", T0, api: "b"));
        usage.Aggregator.Add(Support.Usage.Served(new string("k1".AsSpan()), T0, api: "a"));
        usage.Aggregator.Add(Support.Usage.Served("k2", T0, api: "a"));
        usage.Aggregator.Add(Support.Usage.Served("k1", T0.AddMinutes(1), api: "a"));
        usage.Aggregator.Add(Support.Usage.Served("k1", T0.AddMinutes(1), status: 404, api: "a"));
        usage.Aggregator.Flush();
        usage.Aggregator.Add(Support.Usage.Served("k1", T0.AddMinutes(1), status: 404, api: "a"));
        usage.Aggregator.Flush();

        var buckets = usage.Store.Buckets(new BucketFilter(AccountId: "acct"))
            .GroupBy(b => (b.KeyId, b.ApiId, b.Status, b.MinuteUtc))
            .ToDictionary(g => g.Key, g => g.Sum(b => b.Requests));
        buckets.ShouldBe(new Dictionary<(string, string, int, DateTimeOffset), long>
        {
            [("k1", "a", 200, T0)] = 3,
            [("k1", "b", 200, T0)] = 1,
            [("k2", "a", 200, T0)] = 1,
            [("k1", "a", 200, T0.AddMinutes(1))] = 1,
            [("k1", "a", 404, T0.AddMinutes(1))] = 2,
        }, ignoreOrder: true);
    }

    [Fact]
    public void The_rejections_log_takes_at_most_the_per_key_cap_per_flush_but_counts_stay_exact()
    {
        using var usage = new Support.Usage(new UsageOptions { Rejections = { MaxPerKeyPerFlush = 3 } });
        for (var i = 0; i < 10; i++)
            usage.Aggregator.Add(Support.Usage.Refused("k1", T0.AddSeconds(i)));
        usage.Aggregator.Add(Support.Usage.Refused("k2", T0));
        usage.Aggregator.Flush();
        usage.Aggregator.Add(Support.Usage.Refused("k1", T0.AddSeconds(30)));
        usage.Aggregator.Flush();

        usage.Store.Rejections("acct", null, null, 0, 100).Total.ShouldBe(3 + 1 + 1);
        usage.Aggregator.UnloggedRejections.ShouldBe(7);
        usage.Store.Buckets(new BucketFilter(KeyId: "k1")).Sum(b => b.Requests).ShouldBe(11);
    }

    [Fact]
    public void Served_since_adds_pending_to_stored_and_leaves_out_refused_calls()
    {
        using var usage = new Support.Usage();
        usage.Aggregator.Add(Support.Usage.Served("k", T0));
        usage.Aggregator.Add(Support.Usage.Served("k", T0.AddDays(-40)));
        usage.Aggregator.Add(Support.Usage.Refused("k", T0));
        usage.Aggregator.Flush();
        usage.Aggregator.Add(Support.Usage.Served("k", T0.AddMinutes(3), status: 502));

        usage.Aggregator.ServedSince("k", new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)).ShouldBe(2);
    }
}
