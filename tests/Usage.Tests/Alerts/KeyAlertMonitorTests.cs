using KsQuery.Modules.Usage;
using KsQuery.Modules.Usage.Alerts;
using KsQuery.Modules.Usage.Storage;
using Usage.Tests.Support;

namespace Usage.Tests.Alerts;

public sealed class KeyAlertMonitorTests
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_rejection_spike_needs_the_minimum_and_the_factor_over_the_baseline()
    {
        using var usage = new Support.Usage(new UsageOptions { Alerts = { SpikeMinRejections = 10, SpikeFactor = 5, SpikeWindowMinutes = 5, SpikeBaselineMinutes = 60 } });
        var monitor = new KeyAlertMonitor(usage.Aggregator, usage.Store, usage.Options);
        // 60 refusals a minute for an hour (its first minutes, with no baseline yet, may alert: not looked at here).
        for (var minute = 0; minute < 60; minute++)
            for (var i = 0; i < 60; i++)
                Record(usage, monitor, Support.Usage.Refused("busy", T0.AddMinutes(minute)));
        // At minute 65 the window holds minutes 61..65 and the baseline minutes 1..60 (59 x 60 / 60 = 59 a minute):
        // a spike needs 5 x 59 a minute over 5 minutes = 1475.
        var spikeAt = T0.AddMinutes(65);
        for (var i = 0; i < 1474; i++)
            Record(usage, monitor, Support.Usage.Refused("busy", spikeAt));
        Alerts(usage, "busy", spikeAt).ShouldBeEmpty();
        Record(usage, monitor, Support.Usage.Refused("busy", spikeAt));
        var spike = Alerts(usage, "busy", spikeAt).ShouldHaveSingleItem();
        spike.Rejections.ShouldBe(1475);
        spike.BaselinePerMinute.ShouldBe(59);

        for (var i = 0; i < 9; i++)
            Record(usage, monitor, Support.Usage.Refused("new", T0));
        Alerts(usage, "new").ShouldBeEmpty("below the minimum");
        Record(usage, monitor, Support.Usage.Refused("new", T0.AddMinutes(1)));
        Alerts(usage, "new").ShouldHaveSingleItem().BaselinePerMinute.ShouldBe(0);
        for (var i = 0; i < 50; i++)
            Record(usage, monitor, Support.Usage.Refused("new", T0.AddMinutes(2)));
        Alerts(usage, "new").Count.ShouldBe(1, "one per window");
        Record(usage, monitor, Support.Usage.Refused("new", T0.AddMinutes(6)));
        Alerts(usage, "new").Count.ShouldBe(2, "the next window may alert again");
    }

    [Fact]
    public void A_restarted_monitor_learns_the_baseline_and_known_addresses_from_the_store()
    {
        using var usage = new Support.Usage(new UsageOptions { Alerts = { SpikeMinRejections = 10, SpikeFactor = 2 } });
        var first = new KeyAlertMonitor(usage.Aggregator, usage.Store, usage.Options);
        for (var minute = 0; minute < 60; minute++)
            for (var i = 0; i < 10; i++)
                Record(usage, first, Support.Usage.Refused("k", T0.AddMinutes(minute)));
        Record(usage, first, Support.Usage.Served("k", T0) with { ClientAddress = "192.0.2.1" });
        usage.Aggregator.Flush();

        // A fresh monitor with no history would call 40 refusals (>= 10, baseline 0) a spike; this one knows the usual
        // 10 a minute: the window (minutes 57..61) holds 30 + 40 = 70, 14 a minute, under 2 x 9.5.
        var second = new KeyAlertMonitor(usage.Aggregator, usage.Store, usage.Options);
        var later = T0.AddMinutes(61);
        for (var i = 0; i < 40; i++)
            Record(usage, second, Support.Usage.Refused("k", later));
        Record(usage, second, Support.Usage.Served("k", later) with { ClientAddress = "192.0.2.1" });
        usage.Aggregator.Flush();
        usage.Store.Alerts("acct", "k", later, null, 10).ShouldBeEmpty("the rate is usual and the address is known");

        Record(usage, second, Support.Usage.Served("k", later) with { ClientAddress = "192.0.2.2" });
        usage.Aggregator.Flush();
        usage.Store.Alerts("acct", "k", later, null, 10).ShouldHaveSingleItem().Kind.ShouldBe(StoredAlert.NewClientAddress);
    }

    private static void Record(Support.Usage usage, KeyAlertMonitor monitor, KsQuery.Contracts.Messages.KeyedCallCompleted call)
    {
        monitor.Observe(call);
        usage.Aggregator.Add(call);
    }

    private static List<StoredAlert> Alerts(Support.Usage usage, string keyId, DateTimeOffset? from = null)
    {
        usage.Aggregator.Flush();
        return usage.Store.Alerts("acct", keyId, from, null, 100).Where(a => a.Kind == StoredAlert.RejectionSpike).ToList();
    }
}
