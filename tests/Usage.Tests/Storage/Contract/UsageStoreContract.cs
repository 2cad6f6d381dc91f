using KsQuery.Modules.Usage.Aggregation;
using KsQuery.Modules.Usage.Storage;
using KsQuery.Tests.Postgres;

namespace Usage.Tests.Storage.Contract;

/// <summary>What every <see cref="IUsageStore"/> does, run against each store (LiteDB and PostgreSQL) so their behaviour
/// cannot drift. Two writers share one store: two instances of a scaled-out deployment (or two store objects on one
/// LiteDB file); what both write adds up.</summary>
public abstract class UsageStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private IUsageStore? _first;
    private IUsageStore? _second;

    internal IUsageStore First => _first!;
    internal IUsageStore Second => _second!;

    /// <summary>Two writers of one new, empty store.</summary>
    internal abstract Task<(IUsageStore First, IUsageStore Second)> CreateStoresAsync();

    public async Task InitializeAsync() => (_first, _second) = await CreateStoresAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [StoreContractFact]
    public void Batches_of_two_writers_to_one_bucket_add_up_with_histograms_maxima_and_last_use()
    {
        First.Write(Batch(Bucket("k", T0, requests: 3, ms: 2, lastAt: T0.AddSeconds(10))));
        Second.Write(Batch(Bucket("k", T0, requests: 4, ms: 300, lastAt: T0.AddSeconds(50))));
        First.Write(Batch(Bucket("k", T0, requests: 1, ms: 5, lastAt: T0.AddSeconds(20))));

        var bucket = First.Buckets(new BucketFilter(KeyId: "k")).ShouldHaveSingleItem();
        bucket.Requests.ShouldBe(8);
        bucket.TotalMs.ShouldBe(3 * 2 + 4 * 300 + 1 * 5);
        bucket.MaxMs.ShouldBe(300);
        bucket.Histogram!.Sum().ShouldBe(8);
        bucket.LastAt.ShouldBe(T0.AddSeconds(50));
        bucket.LastUsedAt.ShouldBe(T0.AddSeconds(50));
        bucket.MinuteUtc.ShouldBe(T0);
        bucket.Served.ShouldBeTrue();
        (bucket.AccountId, bucket.Chain, bucket.Network, bucket.ApiId, bucket.Status).ShouldBe(("acct", "kalp", "testnet", "network-info", 200));
        Second.Buckets(new BucketFilter(KeyId: "k")).ShouldHaveSingleItem().Requests.ShouldBe(8, "every writer reads the sum");
    }

    [StoreContractFact]
    public void Buckets_are_filtered_by_key_account_and_minute_range_and_refusals_keep_their_code()
    {
        First.Write(Batch(
            Bucket("k1", T0, requests: 1),
            Bucket("k1", T0.AddMinutes(1), requests: 2),
            Bucket("k1", T0.AddMinutes(1), requests: 5, code: "rate_limited", status: 429),
            Bucket("k2", T0, requests: 7, account: "other")));

        First.Buckets(new BucketFilter(KeyId: "k1")).Sum(b => b.Requests).ShouldBe(8);
        First.Buckets(new BucketFilter(AccountId: "acct")).Sum(b => b.Requests).ShouldBe(8);
        First.Buckets(new BucketFilter(AccountId: "other")).ShouldHaveSingleItem().KeyId.ShouldBe("k2");
        First.Buckets(new BucketFilter(KeyId: "k1", From: T0.AddMinutes(1))).Sum(b => b.Requests).ShouldBe(7);
        First.Buckets(new BucketFilter(KeyId: "k1", To: T0.AddMinutes(1))).Sum(b => b.Requests).ShouldBe(1);
        var refused = First.Buckets(new BucketFilter(KeyId: "k1")).Single(b => !b.Served);
        (refused.Code, refused.Status, refused.Requests).ShouldBe(("rate_limited", 429, 5L));
        First.Buckets(new BucketFilter(KeyId: "K1")).ShouldBeEmpty("key ids are case-sensitive");
    }

    [StoreContractFact]
    public void Rejections_of_both_writers_are_listed_newest_first_with_their_total_paged_and_by_key()
    {
        for (var i = 0; i < 6; i++)
            (i % 2 == 0 ? First : Second).Write(Batch(rejections: [Rejection(i % 3 == 0 ? "k1" : "k2", T0.AddMinutes(i))]));
        First.Write(Batch(rejections: [Rejection("k9", T0, account: "other")]));

        var (all, total) = Second.Rejections("acct", null, null, 0, 100);
        total.ShouldBe(6);
        all.Select(r => r.At).ShouldBe(Enumerable.Range(0, 6).Reverse().Select(i => T0.AddMinutes(i).UtcDateTime));
        var (page, pagedTotal) = First.Rejections("acct", T0.AddMinutes(1), T0.AddMinutes(5), 1, 2);
        pagedTotal.ShouldBe(4);
        page.Select(r => r.At).ShouldBe([T0.AddMinutes(3).UtcDateTime, T0.AddMinutes(2).UtcDateTime]);
        var first = all[^1];
        (first.KeyId, first.Code, first.Status, first.Display, first.Ip, first.UserAgent, first.Method, first.Path, first.Restriction)
            .ShouldBe(("k1", "key_restricted", 403, "ksq_test_abcd…wxyz", "192.0.2.9", "test/1", "GET", "/v1/kalp/testnet/network", "ip"));

        var (byKey, keyTotal) = First.KeyRejections("k1", null, null, 1);
        keyTotal.ShouldBe(2);
        byKey.ShouldHaveSingleItem().At.ShouldBe(T0.AddMinutes(3).UtcDateTime);
        First.KeyRejections("K1", null, null, 10).Total.ShouldBe(0, "key ids are case-sensitive");
    }

    [StoreContractFact]
    public void Alerts_of_an_account_or_one_key_are_listed_newest_first_at_most_max()
    {
        First.Write(Batch(alerts: [Alert("k1", T0, StoredAlert.NewClientAddress), Alert("k2", T0.AddMinutes(1), StoredAlert.RejectionSpike)]));
        Second.Write(Batch(alerts: [Alert("k1", T0.AddMinutes(2), StoredAlert.NewClientAddress), Alert("k3", T0, StoredAlert.NewClientAddress, account: "other")]));

        First.Alerts("acct", null, null, null, 10).Select(a => a.KeyId).ShouldBe(["k1", "k2", "k1"]);
        First.Alerts("acct", null, null, null, 1).ShouldHaveSingleItem().At.ShouldBe(T0.AddMinutes(2).UtcDateTime);
        First.Alerts("acct", "k1", T0.AddMinutes(1), null, 10).ShouldHaveSingleItem().At.ShouldBe(T0.AddMinutes(2).UtcDateTime);
        var spike = First.Alerts("acct", "k2", null, null, 10).ShouldHaveSingleItem();
        (spike.Kind, spike.Detail, spike.Rejections, spike.BaselinePerMinute, spike.ClientAddress, spike.UserAgent)
            .ShouldBe((StoredAlert.RejectionSpike, "detail", 25L, 0.5, "192.0.2.7", "agent/2"));
    }

    [StoreContractFact]
    public void A_client_address_is_remembered_once_per_key()
    {
        First.Write(Batch(addresses: [Address("k1", "192.0.2.1"), Address("k1", "192.0.2.2")]));
        Second.Write(Batch(addresses: [Address("k1", "192.0.2.1"), Address("k2", "192.0.2.1")]));

        First.Addresses("k1").Order(StringComparer.Ordinal).ShouldBe(["192.0.2.1", "192.0.2.2"]);
        Second.Addresses("k2").ShouldBe(["192.0.2.1"]);
        First.Addresses("k3").ShouldBeEmpty();
    }

    [StoreContractFact]
    public void Rolling_up_minutes_of_both_writers_into_hours_then_days_keeps_every_total()
    {
        First.Write(Batch(Bucket("k", T0, requests: 2, ms: 4), Bucket("k", T0.AddMinutes(59), requests: 3, ms: 1)));
        Second.Write(Batch(Bucket("k", T0.AddMinutes(30), requests: 5, ms: 9), Bucket("k", T0.AddHours(1), requests: 7)));
        Second.Write(Batch(Bucket("k", T0.AddDays(3), requests: 11)));

        First.RollUp(BucketSpan.Hour, T0.AddDays(2), CancellationToken.None).ShouldBe(4);
        var hours = Second.Buckets(new BucketFilter(KeyId: "k", To: T0.AddDays(2)));
        hours.Select(b => (b.MinuteUtc, b.Span, b.Requests)).OrderBy(b => b.MinuteUtc)
            .ShouldBe([(T0, BucketSpan.Hour, 10L), (T0.AddHours(1), BucketSpan.Hour, 7L)]);
        hours.First(b => b.MinuteUtc == T0).MaxMs.ShouldBe(9);
        hours.First(b => b.MinuteUtc == T0).Histogram!.Sum().ShouldBe(10);

        // A late minute of an hour already rolled up is merged into it at the next run.
        First.Write(Batch(Bucket("k", T0.AddMinutes(5), requests: 1)));
        Second.RollUp(BucketSpan.Hour, T0.AddDays(2), CancellationToken.None).ShouldBe(1);
        Second.RollUp(BucketSpan.Day, T0.AddDays(2), CancellationToken.None).ShouldBe(2);

        var day = First.Buckets(new BucketFilter(KeyId: "k", To: T0.AddDays(2))).ShouldHaveSingleItem();
        (day.MinuteUtc, day.Span, day.Requests).ShouldBe((new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), BucketSpan.Day, 18L));
        First.Buckets(new BucketFilter(KeyId: "k")).Sum(b => b.Requests).ShouldBe(29, "the minute after the cut-off is not rolled up");
    }

    [StoreContractFact]
    public void Buckets_before_a_time_are_deleted_and_counted()
    {
        First.Write(Batch(Bucket("k", T0), Bucket("k", T0.AddMinutes(1))));
        Second.Write(Batch(Bucket("k", T0), Bucket("k", T0.AddMinutes(2))));

        First.DeleteBuckets(T0.AddMinutes(1)).ShouldBePositive();
        First.Buckets(new BucketFilter(KeyId: "k")).Select(b => b.MinuteUtc).Order().ShouldBe([T0.AddMinutes(1), T0.AddMinutes(2)]);
    }

    [StoreContractFact]
    public void Trim_drops_rejections_and_alerts_past_retention_then_the_oldest_rejections_past_the_cap()
    {
        for (var i = 0; i < 10; i++)
            (i % 2 == 0 ? First : Second).Write(Batch(rejections: [Rejection($"k{i}", T0.AddDays(i))], alerts: [Alert($"k{i}", T0.AddDays(i), StoredAlert.NewClientAddress)]));

        First.Trim(T0.AddDays(2), maxRejections: 5);

        var (items, total) = Second.Rejections("acct", null, null, 0, 100);
        total.ShouldBe(5);
        items.Select(r => r.KeyId).ShouldBe(["k9", "k8", "k7", "k6", "k5"]);
        Second.Alerts("acct", null, null, null, 100).Count.ShouldBe(8);
    }

    [StoreContractFact]
    public void Deleting_an_account_removes_its_buckets_rejections_alerts_and_its_keys_addresses_only()
    {
        First.Write(Batch([Bucket("k1", T0), Bucket("k2", T0, account: "other")],
            rejections: [Rejection("k1", T0), Rejection("k2", T0, account: "other")],
            alerts: [Alert("k1", T0, StoredAlert.NewClientAddress), Alert("k2", T0, StoredAlert.NewClientAddress, account: "other")],
            addresses: [Address("k1", "192.0.2.1"), Address("k2", "192.0.2.1")]));
        Second.Write(Batch(Bucket("k1", T0.AddMinutes(1))));

        Second.DeleteAccount("acct", ["k1"]);

        First.Buckets(new BucketFilter(AccountId: "acct")).ShouldBeEmpty();
        First.Rejections("acct", null, null, 0, 10).Total.ShouldBe(0);
        First.Alerts("acct", null, null, null, 10).ShouldBeEmpty();
        First.Addresses("k1").ShouldBeEmpty();
        First.Buckets(new BucketFilter(AccountId: "other")).ShouldHaveSingleItem();
        First.Rejections("other", null, null, 0, 10).Total.ShouldBe(1);
        First.Alerts("other", null, null, null, 10).ShouldHaveSingleItem();
        First.Addresses("k2").ShouldBe(["192.0.2.1"]);
    }

    [StoreContractFact]
    public void Timestamps_come_back_as_the_same_utc_instants()
    {
        var at = new DateTimeOffset(2030, 6, 15, 23, 59, 59, 123, TimeSpan.FromHours(2));
        First.Write(Batch([Bucket("k", BucketCounts.MinuteOf(at), lastAt: at)], rejections: [Rejection("k", at)]));

        var bucket = Second.Buckets(new BucketFilter(KeyId: "k")).ShouldHaveSingleItem();
        bucket.LastAt.ShouldBe(at);
        bucket.MinuteUtc.ShouldBe(BucketCounts.MinuteOf(at));
        StoredTime.Utc(Second.Rejections("acct", null, null, 0, 1).Items.ShouldHaveSingleItem().At).ShouldBe(at.UtcDateTime);
    }

    private static UsageBatch Batch(params (BucketKey Key, BucketCounts Counts)[] buckets) => Batch(buckets, [], [], []);

    private static UsageBatch Batch((BucketKey Key, BucketCounts Counts)[]? buckets = null, StoredRejection[]? rejections = null,
        StoredAlert[]? alerts = null, StoredAddress[]? addresses = null) =>
        new((buckets ?? []).ToDictionary(b => b.Key, b => b.Counts), rejections ?? [], alerts ?? [], addresses ?? []);

    private static (BucketKey, BucketCounts) Bucket(string keyId, DateTimeOffset minute, long requests = 1, double ms = 1,
        DateTimeOffset? lastAt = null, string code = "", int status = 200, string account = "acct")
    {
        var counts = new BucketCounts { AccountId = account, Chain = "kalp", Network = "testnet" };
        for (var i = 0; i < requests; i++)
            counts.Add(ms, lastAt ?? minute, isUse: code.Length == 0);
        return (new BucketKey(keyId, "network-info", status, code, minute), counts);
    }

    private static StoredRejection Rejection(string keyId, DateTimeOffset at, string account = "acct") => new()
    {
        At = at.UtcDateTime,
        AccountId = account,
        KeyId = keyId,
        Display = "ksq_test_abcd…wxyz",
        Code = "key_restricted",
        Status = 403,
        Ip = "192.0.2.9",
        UserAgent = "test/1",
        Method = "GET",
        Path = "/v1/kalp/testnet/network",
        Restriction = "ip",
    };

    private static StoredAlert Alert(string keyId, DateTimeOffset at, string kind, string account = "acct") => new()
    {
        At = at.UtcDateTime,
        AccountId = account,
        KeyId = keyId,
        Kind = kind,
        Detail = "detail",
        ClientAddress = "192.0.2.7",
        UserAgent = "agent/2",
        Rejections = kind == StoredAlert.RejectionSpike ? 25 : null,
        BaselinePerMinute = kind == StoredAlert.RejectionSpike ? 0.5 : null,
    };

    private static StoredAddress Address(string keyId, string address) =>
        new() { Id = StoredAddress.IdOf(keyId, address), KeyId = keyId, Address = address, FirstSeen = T0.UtcDateTime };
}
