using Keys.Tests.Support;
using KsQuery.Modules.Keys.Throttling;
using Microsoft.Extensions.Options;

namespace Keys.Tests.Throttling;

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
        for (var i = 0; i < 2; i++)
        {
            throttle.RecordFailure("a@example.com", "10.0.0.1");
            _time.Advance(TimeSpan.FromMinutes(1));
        }
        throttle.RetryAfter("a@example.com", "10.0.0.1").ShouldBeNull();

        throttle.RecordFailure("a@example.com", "10.0.0.1");

        throttle.RetryAfter("a@example.com", "10.0.0.2").ShouldBe(TimeSpan.FromMinutes(13));
        throttle.RetryAfter("b@example.com", "10.0.0.2").ShouldBeNull();

        _time.Advance(TimeSpan.FromMinutes(13));
        throttle.RetryAfter("a@example.com", "10.0.0.2").ShouldBeNull();
    }

    [Fact]
    public void Blocks_a_client_address_trying_many_accounts()
    {
        var throttle = Throttle(perAccount: 100, perAddress: 5);
        for (var i = 0; i < 5; i++)
            throttle.RecordFailure($"user{i}@example.com", "10.0.0.9");

        throttle.RetryAfter("new@example.com", "10.0.0.9").ShouldBe(TimeSpan.FromMinutes(15));
        throttle.RetryAfter("new@example.com", "10.0.0.10").ShouldBeNull();
    }

    [Fact]
    public void Success_clears_the_account_counter()
    {
        var throttle = Throttle();
        throttle.RecordFailure("a@example.com", null);
        throttle.RecordFailure("a@example.com", null);
        throttle.RecordSuccess("a@example.com");
        throttle.RecordFailure("a@example.com", null);
        throttle.RecordFailure("a@example.com", null);

        throttle.RetryAfter("a@example.com", null).ShouldBeNull();
    }

    [Fact]
    public void Old_failures_leave_the_sliding_window()
    {
        var throttle = Throttle();
        throttle.RecordFailure("a@example.com", null);
        _time.Advance(TimeSpan.FromMinutes(10));
        throttle.RecordFailure("a@example.com", null);
        _time.Advance(TimeSpan.FromMinutes(6));
        throttle.RecordFailure("a@example.com", null);

        throttle.RetryAfter("a@example.com", null).ShouldBeNull();
    }
}
