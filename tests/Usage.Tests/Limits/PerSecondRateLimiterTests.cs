using System.Threading.RateLimiting;
using KsQuery.Modules.Usage.Limits;
using Usage.Tests.Support;

namespace Usage.Tests.Limits;

public sealed class PerSecondRateLimiterTests
{
    [Fact]
    public void A_partition_per_key_allows_its_limit_per_second_then_refuses_with_retry_after_until_the_next_second()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero).AddMilliseconds(250));
        using var limiter = PartitionedRateLimiter.Create<string, string>(key =>
            RateLimitPartition.Get(key, _ => new PerSecondRateLimiter(key == "a" ? 3 : 1, clock)));

        Enumerable.Range(0, 3).Select(_ => limiter.AttemptAcquire("a").IsAcquired).ShouldAllBe(ok => ok);
        using var refused = limiter.AttemptAcquire("a");
        refused.IsAcquired.ShouldBeFalse();
        refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter).ShouldBeTrue();
        retryAfter.ShouldBe(TimeSpan.FromMilliseconds(750));
        limiter.AttemptAcquire("b").IsAcquired.ShouldBeTrue("each key has its own partition");
        limiter.AttemptAcquire("b").IsAcquired.ShouldBeFalse();
        limiter.GetStatistics("a")!.CurrentAvailablePermits.ShouldBe(0);
        limiter.GetStatistics("a")!.TotalFailedLeases.ShouldBe(1);

        clock.Advance(TimeSpan.FromMilliseconds(749));
        limiter.AttemptAcquire("a").IsAcquired.ShouldBeFalse("still the same second");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        limiter.GetStatistics("a")!.CurrentAvailablePermits.ShouldBe(3);
        limiter.AttemptAcquire("a").IsAcquired.ShouldBeTrue();
    }

    [Fact]
    public void Idle_duration_is_null_while_the_current_second_has_permits_taken_and_grows_afterwards()
    {
        var clock = new ManualTimeProvider();
        using var limiter = new PerSecondRateLimiter(5, clock);
        limiter.AttemptAcquire().IsAcquired.ShouldBeTrue();
        limiter.IdleDuration.ShouldBeNull();
        clock.Advance(TimeSpan.FromSeconds(11));
        limiter.IdleDuration.ShouldBe(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Time_until_the_next_window_is_the_rest_of_the_second()
    {
        PerSecondRateLimiter.UntilNextWindow(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)).ShouldBe(TimeSpan.FromSeconds(1));
        PerSecondRateLimiter.UntilNextWindow(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMilliseconds(900))
            .ShouldBe(TimeSpan.FromMilliseconds(100));
        RateLimitHeaders.Seconds(TimeSpan.FromMilliseconds(100)).ShouldBe("1");
        RateLimitHeaders.Seconds(TimeSpan.FromSeconds(2.5)).ShouldBe("3");
    }
}
