using Keys.Tests.Support;
using KsQuery.Modules.Keys.Throttling;
using Microsoft.Extensions.Options;

namespace Keys.Tests.Throttling;

public class FailureThrottleTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void A_reservation_counts_as_a_failure_until_it_is_released()
    {
        var throttle = new FailureThrottle(2, TimeSpan.FromMinutes(1), _time);
        throttle.TryReserve("k", out var first).ShouldBeNull();
        throttle.TryReserve("k", out _).ShouldBeNull();

        throttle.TryReserve("k", out _).ShouldBe(TimeSpan.FromMinutes(1));
        throttle.RetryAfter("k").ShouldBe(TimeSpan.FromMinutes(1));

        throttle.Release("k", first);
        throttle.RetryAfter("k").ShouldBeNull();
        throttle.TryReserve("k", out _).ShouldBeNull();
    }

    [Fact]
    public async Task Parallel_reservations_never_exceed_the_limit()
    {
        var throttle = new FailureThrottle(7, TimeSpan.FromMinutes(1), _time);
        var start = new ManualResetEventSlim();
        var granted = 0;
        var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            start.Wait();
            for (var i = 0; i < 1000; i++)
                if (throttle.TryReserve("k", out _) is null)
                    Interlocked.Increment(ref granted);
        })).ToArray();
        start.Set();
        await Task.WhenAll(workers);

        granted.ShouldBe(7);
    }

    [Fact]
    public void Zero_turns_the_throttle_off()
    {
        var throttle = new FailureThrottle(0, TimeSpan.FromMinutes(1), _time);
        for (var i = 0; i < 100; i++)
            throttle.TryReserve("k", out _).ShouldBeNull();
        throttle.RetryAfter("k").ShouldBeNull();
    }
}

public class LoginThrottleTests
{
    private readonly ManualTimeProvider _time = new();

    private LoginThrottle Throttle(int perAccount = 3, int perAddress = 5) => new(Options.Create(new ThrottleOptions
    {
        LoginFailuresPerAccount = perAccount,
        LoginFailuresPerAddress = perAddress,
        LoginWindow = TimeSpan.FromMinutes(15),
    }), _time);

    [Fact]
    public void Blocks_an_account_after_repeated_failures_until_the_window_passes()
    {
        var throttle = Throttle();
        for (var i = 0; i < 3; i++)
        {
            throttle.TryReserve("a@example.com", "10.0.0.1", out _).ShouldBeNull();
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        throttle.TryReserve("a@example.com", "10.0.0.2", out _).ShouldBe(TimeSpan.FromMinutes(12));
        throttle.TryReserve("b@example.com", "10.0.0.2", out _).ShouldBeNull();

        _time.Advance(TimeSpan.FromMinutes(12));
        throttle.TryReserve("a@example.com", "10.0.0.2", out _).ShouldBeNull();
    }

    [Fact]
    public void Blocks_a_client_address_trying_many_accounts()
    {
        var throttle = Throttle(perAccount: 100, perAddress: 5);
        for (var i = 0; i < 5; i++)
            throttle.TryReserve($"user{i}@example.com", "10.0.0.9", out _).ShouldBeNull();

        throttle.TryReserve("new@example.com", "10.0.0.9", out _).ShouldBe(TimeSpan.FromMinutes(15));
        throttle.TryReserve("new@example.com", "10.0.0.10", out _).ShouldBeNull();
    }

    [Fact]
    public void A_refused_address_does_not_use_up_the_account()
    {
        var throttle = Throttle(perAccount: 1, perAddress: 1);
        throttle.TryReserve("a@example.com", "10.0.0.1", out _).ShouldBeNull();

        throttle.TryReserve("b@example.com", "10.0.0.1", out _).ShouldNotBeNull();
        throttle.TryReserve("b@example.com", "10.0.0.2", out _).ShouldBeNull("b's attempt from the blocked address was not counted");
    }

    [Fact]
    public void Success_clears_the_account_counter_and_takes_back_the_address_reservation()
    {
        var throttle = Throttle(perAccount: 3, perAddress: 2);
        throttle.TryReserve("a@example.com", "10.0.0.1", out _).ShouldBeNull();
        throttle.TryReserve("a@example.com", null, out _).ShouldBeNull();
        throttle.TryReserve("a@example.com", "10.0.0.1", out var right).ShouldBeNull();
        throttle.Succeeded(right);

        throttle.TryReserve("a@example.com", null, out _).ShouldBeNull();
        throttle.TryReserve("a@example.com", null, out _).ShouldBeNull();
        throttle.TryReserve("a@example.com", "10.0.0.1", out _).ShouldBeNull("one failure and one success from the address");
    }

    [Fact]
    public void Old_failures_leave_the_sliding_window()
    {
        var throttle = Throttle();
        throttle.TryReserve("a@example.com", null, out _).ShouldBeNull();
        _time.Advance(TimeSpan.FromMinutes(10));
        throttle.TryReserve("a@example.com", null, out _).ShouldBeNull();
        _time.Advance(TimeSpan.FromMinutes(6));
        throttle.TryReserve("a@example.com", null, out _).ShouldBeNull();

        throttle.TryReserve("a@example.com", null, out _).ShouldBeNull();
    }
}
