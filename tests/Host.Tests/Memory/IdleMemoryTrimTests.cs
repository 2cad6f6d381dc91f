using Host.Tests.Support;
using KsQuery.Host.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Host.Tests.Memory;

public class IdleMemoryTrimTests
{
    private const long Load = IdleMemoryTrim.TrimAfterBytes;
    private const long Trickle = IdleMemoryTrim.QuietBytesPerTick / 4;
    private readonly ManualClock _clock = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeHeap _heap = new();

    private async Task<IdleMemoryTrim> StartedAsync()
    {
        var trim = new IdleMemoryTrim(_clock, _heap);
        await trim.StartAsync(CancellationToken.None);
        return trim;
    }

    private bool Second(IdleMemoryTrim trim, long allocated)
    {
        _clock.Advance(IdleMemoryTrim.Tick);
        _heap.Allocated += allocated;
        return trim.OnTick();
    }

    private void SecondsWithoutTrim(IdleMemoryTrim trim, int seconds, long allocatedPerSecond)
    {
        for (var i = 0; i < seconds; i++)
            Second(trim, allocatedPerSecond).ShouldBeFalse();
    }

    [Fact]
    public async Task Trims_once_after_a_load_when_the_service_has_been_quiet_for_two_seconds()
    {
        using var trim = await StartedAsync();
        Second(trim, Load).ShouldBeFalse();
        Second(trim, Trickle).ShouldBeFalse();
        Second(trim, Trickle).ShouldBeTrue();
        _heap.Trims.ShouldBe(1);

        // Quiet on: nothing more to give back until another load.
        SecondsWithoutTrim(trim, 60, Trickle);
        _heap.Trims.ShouldBe(1);
    }

    [Fact]
    public async Task Never_trims_while_calls_keep_allocating()
    {
        using var trim = await StartedAsync();
        SecondsWithoutTrim(trim, 120, IdleMemoryTrim.QuietBytesPerTick);
        _heap.Trims.ShouldBe(0);
    }

    [Fact]
    public async Task Leaves_an_idle_service_alone_when_little_was_allocated_since_the_last_full_collection()
    {
        using var trim = await StartedAsync();
        SecondsWithoutTrim(trim, 60, Trickle);
        _heap.Trims.ShouldBe(0);
    }

    [Fact]
    public async Task A_full_collection_run_by_someone_else_counts_as_the_last_trim()
    {
        using var trim = await StartedAsync();
        Second(trim, Load);
        _heap.FullBlockingCollections++; // e.g. the Keys module's, after key creations
        SecondsWithoutTrim(trim, 3, Trickle);
        _heap.Trims.ShouldBe(0);
    }

    [Fact]
    public async Task Trims_at_most_once_per_minimum_spacing()
    {
        using var trim = await StartedAsync();
        Second(trim, Load);
        Second(trim, Trickle);
        Second(trim, Trickle).ShouldBeTrue();

        Second(trim, Load);
        var seconds = 1;
        while (!Second(trim, Trickle))
            seconds++;
        // The second load came one second after the first trim; quiet two seconds later, it waited for the spacing.
        (1 + seconds).ShouldBe((int)IdleMemoryTrim.MinimumSpacing.TotalSeconds);
        _heap.Trims.ShouldBe(2);
    }

    [Fact]
    public async Task The_host_runs_it()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(data.Path);
        host.Services.GetServices<IHostedService>().OfType<IdleMemoryTrim>().ShouldHaveSingleItem();
        host.Services.GetRequiredService<IHeapReadings>().ShouldBeOfType<ProcessHeap>();
    }

    private sealed class FakeHeap : IHeapReadings
    {
        public long Allocated { get; set; } = 1_000_000;

        public long AllocatedBytes => Allocated;

        public long FullBlockingCollections { get; set; }

        public int Trims { get; private set; }

        public void Trim()
        {
            Trims++;
            FullBlockingCollections++;
        }
    }
}
