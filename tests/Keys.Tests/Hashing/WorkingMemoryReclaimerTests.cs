using Keys.Tests.Support;
using KsQuery.Modules.Keys.Hashing;

namespace Keys.Tests.Hashing;

public class WorkingMemoryReclaimerTests
{
    private readonly ManualTimeProvider _clock = new() { ManualTimers = true };
    private bool _idle = true;
    private int _collections;

    private WorkingMemoryReclaimer Reclaimer() => new(_clock, () => _idle, () => _collections++);

    [Fact]
    public void Collects_once_hashing_has_been_quiet_for_the_quiet_period()
    {
        using var reclaimer = Reclaimer();
        reclaimer.HashingStopped();

        _clock.Advance(WorkingMemoryReclaimer.QuietPeriod - TimeSpan.FromMilliseconds(1));
        _collections.ShouldBe(0);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        _collections.ShouldBe(1);
    }

    [Fact]
    public void A_burst_of_hashes_collects_once_after_the_last()
    {
        using var reclaimer = Reclaimer();
        for (var i = 0; i < 5; i++)
        {
            reclaimer.HashingStopped();
            _clock.Advance(WorkingMemoryReclaimer.QuietPeriod / 2);
        }
        _collections.ShouldBe(0);

        _clock.Advance(WorkingMemoryReclaimer.QuietPeriod);
        _collections.ShouldBe(1);
    }

    [Fact]
    public void Does_not_collect_while_a_hash_is_running()
    {
        using var reclaimer = Reclaimer();
        reclaimer.HashingStopped();
        _idle = false;

        _clock.Advance(WorkingMemoryReclaimer.MinimumSpacing);
        _collections.ShouldBe(0);

        _idle = true;
        reclaimer.HashingStopped();
        _clock.Advance(WorkingMemoryReclaimer.QuietPeriod);
        _collections.ShouldBe(1);
    }

    [Fact]
    public void Collections_are_at_least_the_minimum_spacing_apart()
    {
        using var reclaimer = Reclaimer();
        reclaimer.HashingStopped();
        _clock.Advance(WorkingMemoryReclaimer.QuietPeriod);
        _collections.ShouldBe(1);

        reclaimer.HashingStopped();
        _clock.Advance(WorkingMemoryReclaimer.MinimumSpacing - TimeSpan.FromMilliseconds(1));
        _collections.ShouldBe(1);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        _collections.ShouldBe(2);
    }
}
