using System.Net;
using Host.Tests.Support;
using KsQuery.Modules.Usage.Storage;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Tracking;

namespace Host.Tests.Usage;

/// <summary>Issue 12, item 1: a usage record the store refuses is isolated (dropped, counted in <c>/health</c>) so that
/// the rest of usage, everyone else's included, is still written and read.</summary>
public sealed class RefusedRecordTests : IDisposable
{
    private const string Network = "/v1/kalp/testnet/network";
    private const string Refused = "refuse-me/1";
    private readonly TempDirectory _data = new();
    private readonly ManualClock _clock = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_record_the_store_refuses_is_dropped_and_reported_in_health_and_every_other_count_is_written_and_read()
    {
        await using var host = await UsageTestHost.StartAsync(_data.Path, _clock, replaceServices: services =>
            services.AddSingleton<IUsageStore>(sp => new RefusingStore(new LiteDbUsageStore(sp.GetRequiredService<ILiteDatabase>()))));
        var api = new ApiClient(host);
        var sender = await api.SignUpAndLogInAsync("sender@example.com");
        await api.SelectAsync(sender);
        var senderKey = await api.CreateKeyWithAsync(sender, "sender");
        var other = await api.SignUpAndLogInAsync("other@example.com");
        await api.SelectAsync(other);
        var otherKey = await api.CreateKeyWithAsync(other, "other");

        await host.ExecuteAndWaitAsync(async () =>
        {
            (await host.CallAsync(Network, UsageTestHost.WithWrongSecret(senderKey.Key), userAgent: Refused)).Status.ShouldBe(401);
            (await host.CallAsync(Network, UsageTestHost.WithWrongSecret(senderKey.Key), userAgent: "fine/1")).Status.ShouldBe(401);
            (await host.CallAsync(Network, otherKey.Key)).Status.ShouldBe(200);
        });

        var (status, summary, _) = await api.GetAsync("/v1/usage/summary", other);
        status.ShouldBe(HttpStatusCode.OK, summary.ToString());
        summary.GetProperty("requests").GetInt64().ShouldBe(1);
        var (senderStatus, senderSummary, _) = await api.GetAsync("/v1/usage/summary", sender);
        senderStatus.ShouldBe(HttpStatusCode.OK, senderSummary.ToString());
        senderSummary.GetProperty("requests").GetInt64().ShouldBe(2, "the refused call's count is in its bucket, which was written");
        var (_, log, _) = await api.GetAsync("/v1/usage/rejections", sender);
        log.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("userAgent").GetString().ShouldBe("fine/1");

        var (_, health, _) = await api.GetAsync("/health");
        var usage = health.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "usage");
        usage.GetProperty("status").GetString().ShouldBe("healthy");
        usage.GetProperty("droppedRecords").GetString().ShouldBe("1");
        usage.GetProperty("lastDropped").GetString()!.ShouldContain($"key_invalid rejection of key {senderKey.Id}");

        await host.ExecuteAndWaitAsync(async () => (await host.CallAsync(Network, otherKey.Key)).Status.ShouldBe(200));
        var (_, later, _) = await api.GetAsync("/v1/usage/summary", other);
        later.GetProperty("requests").GetInt64().ShouldBe(2, "later batches are written");
    }

    /// <summary>The real store, except that it refuses (as LiteDB refuses text it cannot encode) any write holding a
    /// rejection with the user agent <see cref="Refused"/>.</summary>
    private sealed class RefusingStore(IUsageStore real) : IUsageStore
    {
        public void Write(UsageBatch batch)
        {
            if (batch.Rejections.Any(r => r.UserAgent == Refused))
                throw new InvalidOperationException("refused by the test double");
            real.Write(batch);
        }

        public bool IsStoreFailure(Exception error) => real.IsStoreFailure(error);

        public IReadOnlyList<StoredBucket> Buckets(BucketFilter filter) => real.Buckets(filter);

        public (IReadOnlyList<StoredRejection> Items, long Total) Rejections(string accountId, DateTimeOffset? from, DateTimeOffset? to, int skip, int take) =>
            real.Rejections(accountId, from, to, skip, take);

        public (IReadOnlyList<StoredRejection> Items, long Total) KeyRejections(string keyId, DateTimeOffset? from, DateTimeOffset? to, int take) =>
            real.KeyRejections(keyId, from, to, take);

        public IReadOnlyList<StoredAlert> Alerts(string accountId, string? keyId, DateTimeOffset? from, DateTimeOffset? to, int max) =>
            real.Alerts(accountId, keyId, from, to, max);

        public IReadOnlyList<string> Addresses(string keyId) => real.Addresses(keyId);

        public long RollUp(BucketSpan into, DateTimeOffset before, CancellationToken cancellationToken) =>
            real.RollUp(into, before, cancellationToken);

        public long DeleteBuckets(DateTimeOffset before) => real.DeleteBuckets(before);

        public void Trim(DateTimeOffset before, int maxRejections) => real.Trim(before, maxRejections);

        public void DeleteAccount(string accountId, IReadOnlyCollection<string> keyIds) => real.DeleteAccount(accountId, keyIds);
    }
}
