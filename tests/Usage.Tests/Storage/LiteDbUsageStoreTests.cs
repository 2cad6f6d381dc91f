using KsQuery.Modules.Usage.Storage;

namespace Usage.Tests.Storage;

public sealed class LiteDbUsageStoreTests
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Batches_merge_into_the_same_minute_bucket_with_histograms_and_last_use()
    {
        using var usage = new Support.Usage();
        usage.Aggregator.Add(Support.Usage.Served("k", T0.AddSeconds(1), ms: 1));
        usage.Aggregator.Flush();
        usage.Aggregator.Add(Support.Usage.Served("k", T0.AddSeconds(50), ms: 300));
        usage.Aggregator.Add(Support.Usage.Refused("k", T0.AddSeconds(59), "key_revoked", 401));
        usage.Aggregator.Flush();

        var served = usage.Store.Buckets(new BucketFilter(KeyId: "k")).Single(b => b.Served);
        served.Requests.ShouldBe(2);
        served.Histogram!.Sum().ShouldBe(2);
        served.MaxMs.ShouldBe(300);
        served.MinuteUtc.ShouldBe(T0);
        var refused = usage.Store.Buckets(new BucketFilter(KeyId: "k")).Single(b => !b.Served);
        refused.LastUsedAt.ShouldBeNull("a call refused at authentication is not a use");
        usage.Store.Buckets(new BucketFilter(KeyId: "k", From: T0.AddMinutes(1))).ShouldBeEmpty();
    }

    [Fact]
    public void A_bucket_written_again_after_its_account_was_deleted_or_a_write_failed_holds_only_what_was_stored()
    {
        using var usage = new Support.Usage();
        usage.Aggregator.Add(Support.Usage.Served("k", T0));
        usage.Aggregator.Flush();
        usage.Store.DeleteAccount("acct", ["k"]);
        usage.Aggregator.Add(Support.Usage.Served("k", T0.AddSeconds(1)));
        usage.Aggregator.Flush();
        usage.Store.Buckets(new BucketFilter(KeyId: "k")).ShouldHaveSingleItem().Requests.ShouldBe(1,
            "the flush adds to the buckets it wrote last without reading them back, but not to a deleted one");

        // A failed transaction may leave its merges in the buckets held: the store reads them back afterwards. The unique
        // index makes the batch fail at its second bucket, after the first was merged; the writer then writes the records
        // one by one and drops k2's, which fails on its own.
        usage.Database.GetCollection("usage_buckets").EnsureIndex("failing", "$.AccountId", unique: true);
        usage.Aggregator.Add(Support.Usage.Served("k", T0.AddSeconds(2)));
        usage.Aggregator.Add(Support.Usage.Served("k2", T0.AddSeconds(2)));
        usage.Aggregator.Flush();
        usage.Database.GetCollection("usage_buckets").DropIndex("failing");
        usage.Store.Buckets(new BucketFilter(KeyId: "k")).ShouldHaveSingleItem().Requests.ShouldBe(2);
    }

    [Fact]
    public void Trim_drops_rejections_past_retention_then_the_oldest_past_the_cap()
    {
        using var usage = new Support.Usage();
        for (var i = 0; i < 10; i++)
            usage.Aggregator.Add(Support.Usage.Refused($"k{i}", T0.AddDays(i)));
        usage.Aggregator.Flush();

        usage.Store.Trim(T0.AddDays(2), maxRejections: 5);

        var (items, total) = usage.Store.Rejections("acct", null, null, 0, 100);
        total.ShouldBe(5);
        items.Select(r => r.KeyId).ShouldBe(["k9", "k8", "k7", "k6", "k5"]);
    }
}
