using KsQuery.Contracts.Messages;
using KsQuery.Modules.Usage.Tracking;
using Microsoft.Extensions.Time.Testing;

namespace Usage.Tests.Tracking;

public sealed class UsageEventBufferTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(5);

    private static KeyedCallCompleted Call(int i) =>
        new($"k{i}", "a", "kalp", "testnet", "network-info", 200, 1, DateTimeOffset.UnixEpoch.AddSeconds(i));

    [Fact]
    public async Task A_read_waits_until_every_event_added_before_it_is_handled()
    {
        var buffer = new UsageEventBuffer(TimeProvider.System);
        buffer.Add(Call(1));
        buffer.Add(Call(2));

        var flush = buffer.FlushAsync(Wait, CancellationToken.None);
        flush.IsCompleted.ShouldBeFalse();

        var batch = await buffer.TakeAsync(TimeSpan.FromHours(1), TimeProvider.System, CancellationToken.None);
        batch.Length.ShouldBe(2, "a waiting read cuts the publish window short");
        buffer.Add(Call(3));

        buffer.Handled(1);
        flush.IsCompleted.ShouldBeFalse();
        buffer.Handled(1);
        (await flush.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBeTrue();

        var later = buffer.FlushAsync(Wait, CancellationToken.None);
        later.IsCompleted.ShouldBeFalse("the third event is not handled yet");
        (await buffer.TakeAsync(TimeSpan.Zero, TimeProvider.System, CancellationToken.None)).ShouldHaveSingleItem();
        buffer.Handled(1);
        (await later.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBeTrue();
    }

    [Fact]
    public async Task With_nothing_pending_a_read_does_not_wait()
    {
        var buffer = new UsageEventBuffer(TimeProvider.System);
        (await buffer.FlushAsync(Wait, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(1))).ShouldBeTrue();
        buffer.Drain().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_read_waits_at_most_its_timeout_for_events_that_are_never_reported_handled()
    {
        var time = new FakeTimeProvider();
        var buffer = new UsageEventBuffer(time);
        buffer.Add(Call(1));
        buffer.Add(Call(2));

        var read = buffer.FlushAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        buffer.Handled(1);
        time.Advance(TimeSpan.FromSeconds(4));
        read.IsCompleted.ShouldBeFalse("one of the two events is not handled and the timeout has not passed");

        time.Advance(TimeSpan.FromSeconds(1));
        (await read.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBeFalse("the read gave up at its timeout");

        buffer.Handled(1);
        (await buffer.FlushAsync(TimeSpan.FromSeconds(5), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30))).ShouldBeTrue();
    }
}
