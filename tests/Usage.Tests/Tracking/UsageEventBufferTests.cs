using KsQuery.Contracts.Messages;
using KsQuery.Modules.Usage.Tracking;

namespace Usage.Tests.Tracking;

public sealed class UsageEventBufferTests
{
    private static KeyedCallCompleted Call(int i) =>
        new($"k{i}", "a", "kalp", "testnet", "network-info", 200, 1, DateTimeOffset.UnixEpoch.AddSeconds(i));

    [Fact]
    public async Task A_read_waits_until_every_event_added_before_it_is_handled()
    {
        var buffer = new UsageEventBuffer();
        buffer.Add(Call(1));
        buffer.Add(Call(2));

        var flush = buffer.FlushAsync(CancellationToken.None);
        flush.IsCompleted.ShouldBeFalse();

        var batch = await buffer.TakeAsync(TimeSpan.FromHours(1), TimeProvider.System, CancellationToken.None);
        batch.Length.ShouldBe(2, "a waiting read cuts the publish window short");
        buffer.Add(Call(3));

        buffer.Handled(1);
        flush.IsCompleted.ShouldBeFalse();
        buffer.Handled(1);
        await flush.WaitAsync(TimeSpan.FromSeconds(5));

        var later = buffer.FlushAsync(CancellationToken.None);
        later.IsCompleted.ShouldBeFalse("the third event is not handled yet");
        (await buffer.TakeAsync(TimeSpan.Zero, TimeProvider.System, CancellationToken.None)).ShouldHaveSingleItem();
        buffer.Handled(1);
        await later.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task With_nothing_pending_a_read_does_not_wait()
    {
        var buffer = new UsageEventBuffer();
        await buffer.FlushAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(1));
        buffer.Drain().ShouldBeEmpty();
    }
}
