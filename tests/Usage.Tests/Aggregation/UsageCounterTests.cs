using KsQuery.Contracts.Messages;
using KsQuery.Modules.Usage.Aggregation;
using KsQuery.Modules.Usage.Alerts;
using KsQuery.Modules.Usage.Storage;
using KsQuery.Modules.Usage.Tracking;
using Microsoft.Extensions.Logging.Abstractions;
using Usage.Tests.Support;

namespace Usage.Tests.Aggregation;

public sealed class UsageCounterTests
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Half_a_surrogate_pair_in_a_usage_event_is_repaired_so_its_record_is_stored_not_dropped()
    {
        using var usage = new Support.Usage();
        var counter = CounterOf(usage, usage.Store);
        var refused = Support.Usage.Refused("k1", T0, "key_invalid", 401);
        var agent = "agent/1 \uD83D";
        var call = refused with { UserAgent = agent, Rejection = refused.Rejection! with { UserAgent = agent, Path = "/v1/\uDE00x" } };

        counter.Count([call]);
        usage.Aggregator.Flush();

        var stored = usage.Store.Rejections("acct", null, null, 0, 10).Items.ShouldHaveSingleItem();
        stored.UserAgent.ShouldBe("agent/1 \uFFFD");
        stored.Path.ShouldBe("/v1/\uFFFDx");
        usage.Health.Report().DroppedRecords.ShouldBe(0);
    }

    [Fact]
    public async Task A_failing_alert_check_neither_loses_the_count_nor_leaves_a_reader_waiting()
    {
        RefusingUsageStore? store = null;
        using var usage = new Support.Usage(store: real => store = new RefusingUsageStore(real, _ => false) { FailAddressReads = true });
        var buffer = new UsageEventBuffer(TimeProvider.System);
        var counter = CounterOf(usage, store!, buffer);
        var calls = new[] { Support.Usage.Served("k1", T0), Support.Usage.Served("k1", T0.AddSeconds(1)) };
        foreach (var call in calls)
            buffer.Add(call);
        var read = buffer.FlushAsync(TimeSpan.FromMinutes(5), CancellationToken.None);

        counter.Count(buffer.Drain());

        (await read.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBeTrue();
        usage.Aggregator.BucketsFor("k1").Sum(b => b.Requests).ShouldBe(2);
    }

    private static UsageCounter CounterOf(Support.Usage usage, IUsageStore store, UsageEventBuffer? buffer = null) =>
        new(usage.Aggregator, new KeyAlertMonitor(usage.Aggregator, store, usage.Options), buffer ?? new UsageEventBuffer(TimeProvider.System),
            NullLogger<UsageCounter>.Instance);
}
