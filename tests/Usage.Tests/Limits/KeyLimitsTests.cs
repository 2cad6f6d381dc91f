using KsQuery.Modules.Usage.Limits;
using Usage.Tests.Support;

namespace Usage.Tests.Limits;

public sealed class KeyLimitsTests
{
    private static readonly DateTimeOffset Jan31 = new(2030, 1, 31, 23, 59, 0, TimeSpan.Zero);

    [Fact]
    public void The_quota_is_loaded_from_stored_usage_counts_served_calls_only_and_resets_with_the_utc_month()
    {
        using var usage = new Support.Usage();
        for (var i = 0; i < 4; i++)
            usage.Aggregator.Add(Support.Usage.Served("k", Jan31.AddDays(-3)));
        usage.Aggregator.Add(Support.Usage.Refused("k", Jan31.AddDays(-3), "quota_exceeded"));
        usage.Aggregator.Add(Support.Usage.Served("k", Jan31.AddMonths(-1)));
        usage.Aggregator.Flush();
        var clock = new ManualTimeProvider(Jan31);
        using var limits = new KeyLimits(new QuotaTracker(usage.Aggregator), clock);
        var key = Support.Usage.Key("k", perSecond: 100, quota: 5);

        var last = limits.Acquire(key, clock.GetUtcNow());
        last.RefusalCode.ShouldBeNull();
        (last.Limit, last.Remaining).ShouldBe((5L, 0L));
        last.Reset.ShouldBe(TimeSpan.FromMinutes(1));
        var refused = limits.Acquire(key, clock.GetUtcNow());
        refused.RefusalCode.ShouldBe("quota_exceeded");
        refused.RetryAfter.ShouldBe(TimeSpan.FromMinutes(1));

        clock.Advance(TimeSpan.FromMinutes(1));
        var february = limits.Acquire(key, clock.GetUtcNow());
        february.RefusalCode.ShouldBeNull();
        (february.Limit, february.Remaining).ShouldBe((5L, 4L), "4 calls left this month is nearer to exhaustion than 99 this second");
        february.Policy.ShouldBe("100;w=1, 5;w=2419200");
    }

    [Fact]
    public void Edited_limits_apply_from_the_next_call_with_their_policy()
    {
        using var usage = new Support.Usage();
        var clock = new ManualTimeProvider(Jan31.AddDays(-10));
        using var limits = new KeyLimits(new QuotaTracker(usage.Aggregator), clock);

        var before = Support.Usage.Key("k", perSecond: 1);
        limits.Acquire(before, clock.GetUtcNow()).Policy.ShouldBe("1;w=1");
        limits.Acquire(before, clock.GetUtcNow()).RefusalCode.ShouldBe("rate_limited");

        var after = Support.Usage.Key("k", perSecond: 3, quota: 10);
        var first = limits.Acquire(after, clock.GetUtcNow());
        first.RefusalCode.ShouldBeNull("a new rate gets a fresh window");
        first.Policy.ShouldBe("3;w=1, 10;w=2678400");
        (first.Limit, first.Remaining).ShouldBe((3L, 2L));
        limits.Peek(Support.Usage.Key("k", perSecond: 3), clock.GetUtcNow()).Policy.ShouldBe("3;w=1");
    }

    [Fact]
    public void A_rate_limited_call_does_not_use_quota_and_a_peek_takes_nothing()
    {
        using var usage = new Support.Usage();
        var clock = new ManualTimeProvider(Jan31);
        var quota = new QuotaTracker(usage.Aggregator);
        using var limits = new KeyLimits(quota, clock);
        var key = Support.Usage.Key("k", perSecond: 2, quota: 1000);

        limits.Peek(key, clock.GetUtcNow()).Remaining.ShouldBe(2);
        limits.Acquire(key, clock.GetUtcNow()).RefusalCode.ShouldBeNull();
        limits.Acquire(key, clock.GetUtcNow()).RefusalCode.ShouldBeNull();
        var refused = limits.Acquire(key, clock.GetUtcNow());
        refused.RefusalCode.ShouldBe("rate_limited");
        (refused.Limit, refused.Remaining).ShouldBe((2L, 0L));
        refused.RetryAfter.ShouldBe(TimeSpan.FromSeconds(1));
        quota.Used("k", clock.GetUtcNow()).ShouldBe(2);
    }
}
