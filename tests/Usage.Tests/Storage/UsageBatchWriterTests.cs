using KsQuery.Contracts.Messages;
using KsQuery.Modules.Usage.Storage;
using Usage.Tests.Support;

namespace Usage.Tests.Storage;

/// <summary>Issue 12, item 1: one record the store refuses used to fail every later flush forever.</summary>
public sealed class UsageBatchWriterTests
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_record_the_store_refuses_is_dropped_and_counted_and_the_rest_of_the_batch_and_later_batches_are_written()
    {
        RefusingUsageStore? refusing = null;
        using var usage = new Support.Usage(store: real => refusing = new RefusingUsageStore(real,
            batch => batch.Rejections.Any(r => r.UserAgent == "refuse-me")));
        using var dropped = new MetricTotal("ksquery.usage.dropped_records");
        usage.Aggregator.Add(Support.Usage.Served("k1", T0));
        usage.Aggregator.Add(WithUserAgent(Support.Usage.Refused("k1", T0.AddSeconds(1), "key_invalid", 401), "refuse-me"));
        usage.Aggregator.Add(Support.Usage.Refused("k2", T0.AddSeconds(2), "key_revoked", 401));

        usage.Aggregator.Flush();

        usage.Store.Buckets(new BucketFilter(AccountId: "acct")).Sum(b => b.Requests).ShouldBe(3, "the counts of the refused call are kept");
        var (logged, total) = usage.Store.Rejections("acct", null, null, 0, 10);
        total.ShouldBe(1);
        logged.ShouldHaveSingleItem().KeyId.ShouldBe("k2");
        var report = usage.Health.Report();
        report.DroppedRecords.ShouldBe(1);
        report.LastDropped.ShouldNotBeNull().ShouldContain("key_invalid rejection of key k1");
        report.LastDropped.ShouldNotContain("refuse-me", customMessage: "no client text in the report");
        report.FailingSince.ShouldBeNull();
        dropped.Total.ShouldBe(1);

        var writes = refusing!.Writes;
        usage.Aggregator.Add(Support.Usage.Served("k1", T0.AddSeconds(3)));
        usage.Aggregator.Flush();
        refusing.Writes.ShouldBe(writes + 1, "the dropped record is not retried");
        usage.Store.Buckets(new BucketFilter(AccountId: "acct")).Sum(b => b.Requests).ShouldBe(4);
        usage.Health.Report().DroppedRecords.ShouldBe(1);
    }

    [Fact]
    public void A_poisoned_record_in_a_real_LiteDB_store_is_dropped_and_the_rest_of_the_batch_is_written()
    {
        using var usage = new Support.Usage();
        // Half of a surrogate pair: LiteDB cannot encode it as UTF-8 and refuses the document.
        usage.Aggregator.Add(WithUserAgent(Support.Usage.Refused("k1", T0, "key_invalid", 401), new string('a', 255) + "\uD83D"));
        usage.Aggregator.Add(Support.Usage.Refused("k1", T0.AddSeconds(1), "key_revoked", 401));
        usage.Aggregator.Add(Support.Usage.Served("k2", T0.AddSeconds(2)));

        usage.Aggregator.Flush();

        usage.Store.Buckets(new BucketFilter(AccountId: "acct")).Sum(b => b.Requests).ShouldBe(3);
        usage.Store.Rejections("acct", null, null, 0, 10).Items.ShouldHaveSingleItem().Code.ShouldBe("key_revoked");
        usage.Health.Report().DroppedRecords.ShouldBe(1);

        usage.Aggregator.Add(Support.Usage.Served("k2", T0.AddSeconds(3)));
        usage.Aggregator.Flush();
        usage.Store.Buckets(new BucketFilter(KeyId: "k2")).Sum(b => b.Requests).ShouldBe(2);
    }

    [Fact]
    public void While_the_store_is_unavailable_nothing_is_dropped_and_everything_is_written_once_it_is_back()
    {
        var broken = true;
        using var usage = new Support.Usage(store: real => new RefusingUsageStore(real, _ => broken) { Error = () => new IOException("disk gone") });
        usage.Aggregator.Add(Support.Usage.Served("k1", T0));
        usage.Aggregator.Add(Support.Usage.Refused("k1", T0.AddSeconds(1), "key_revoked", 401));

        Should.Throw<UsageStoreUnavailableException>(() => usage.Aggregator.Flush());
        Should.Throw<UsageStoreUnavailableException>(() => usage.Aggregator.Flush());

        var failing = usage.Health.Report();
        failing.FailingSince.ShouldNotBeNull();
        failing.DroppedRecords.ShouldBe(0);
        usage.Store.Buckets(new BucketFilter(AccountId: "acct")).ShouldBeEmpty();
        usage.Aggregator.BucketsFor("k1").Sum(b => b.Requests).ShouldBe(2, "pending counts are still known");

        broken = false;
        usage.Aggregator.Add(Support.Usage.Served("k1", T0.AddSeconds(2)));
        usage.Aggregator.Flush();

        usage.Store.Buckets(new BucketFilter(AccountId: "acct")).Sum(b => b.Requests).ShouldBe(3);
        usage.Store.Rejections("acct", null, null, 0, 10).Total.ShouldBe(1);
        usage.Health.Report().FailingSince.ShouldBeNull();
    }

    private static KeyedCallCompleted WithUserAgent(KeyedCallCompleted call, string userAgent) =>
        call with { UserAgent = userAgent, Rejection = call.Rejection! with { UserAgent = userAgent } };
}
