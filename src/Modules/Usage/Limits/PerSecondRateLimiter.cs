using System.Threading.RateLimiting;

namespace KsQuery.Modules.Usage.Limits;

/// <summary>One key's per-second limit: a fixed one-second window aligned to whole UTC seconds of the
/// <see cref="TimeProvider"/>, no queue (a call over the limit is refused at once). It is a
/// <see cref="RateLimiter"/>, usable with the framework's <see cref="PartitionedRateLimiter"/>; the keyed path calls
/// <see cref="TryTake"/> on it directly (no lease or statistics objects per call). It exists because the framework's own window and token-bucket limiters read <c>Stopwatch</c> time and cannot be
/// given a <see cref="TimeProvider"/>, which tests (and a future shared clock) need.</summary>
/// <remarks>With several instances (<paramref name="instances"/>), each second starts with this instance allowed only its
/// share of the permits; once the instances have exchanged their counts for the second (<see cref="Exchange"/>), it may
/// take what the others left.</remarks>
internal sealed class PerSecondRateLimiter(int permitsPerSecond, TimeProvider time, LimitInstances? instances = null) : RateLimiter
{
    private readonly Lock _gate = new();
    private readonly DateTimeOffset _created = time.GetUtcNow();
    private long _window = long.MinValue;
    private int _used;

    // What this instance may take in the current second: all permits alone, its share or what the others left when shared.
    private int _ceiling;

    // How many of this second's permits taken here the other instances know of.
    private int _exchanged;
    private long _successful;
    private long _failed;

    public int PermitsPerSecond { get; } = permitsPerSecond;

    /// <summary>Time until the current window ends (at most one second).</summary>
    public static TimeSpan UntilNextWindow(DateTimeOffset now) =>
        TimeSpan.FromTicks(TimeSpan.TicksPerSecond - now.UtcTicks % TimeSpan.TicksPerSecond);

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                var now = time.GetUtcNow();
                var window = WindowOf(now);
                if (window == _window && _used > 0)
                    return null;
                var idleSince = _window == long.MinValue ? _created : new DateTimeOffset((_window + 1) * TimeSpan.TicksPerSecond, TimeSpan.Zero);
                return now > idleSince ? now - idleSince : TimeSpan.Zero;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            Roll(time.GetUtcNow());
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = Math.Max(0, _ceiling - _used),
                CurrentQueuedCount = 0,
                TotalSuccessfulLeases = _successful,
                TotalFailedLeases = _failed,
            };
        }
    }

    /// <summary>Takes one permit at <paramref name="now"/> if the current second has one left; the keyed path's
    /// allocation-free form of <c>AttemptAcquire()</c>. <paramref name="remaining"/> is what is left afterwards.</summary>
    public bool TryTake(DateTimeOffset now, out int remaining)
    {
        lock (_gate)
        {
            Roll(now);
            if (_used < _ceiling)
            {
                _used++;
                _successful++;
                remaining = _ceiling - _used;
                return true;
            }
            _failed++;
            remaining = 0;
            return false;
        }
    }

    /// <summary>Permits left in the second of <paramref name="now"/>.</summary>
    public int Available(DateTimeOffset now)
    {
        lock (_gate)
        {
            Roll(now);
            return Math.Max(0, _ceiling - _used);
        }
    }

    /// <summary>The current second, the permits taken here in it, and how many of them the other instances do not know of yet.</summary>
    public (long Window, int Used, int Unexchanged) ToExchange(DateTimeOffset now)
    {
        lock (_gate)
        {
            Roll(now);
            return (_window, _used, _used - _exchanged);
        }
    }

    /// <summary>After <paramref name="sent"/> of <paramref name="window"/>'s permits were added to the shared count, which now
    /// stands at <paramref name="total"/> (every instance's): until the next exchange this instance may take its share of
    /// what is left (each instance takes 1/N of it, so instances exchanging at the same moment do not each take all of it).</summary>
    public void Exchange(long window, int sent, long total)
    {
        lock (_gate)
        {
            if (window != _window)
                return;
            _exchanged += sent;
            var left = Math.Max(0, PermitsPerSecond - total);
            var count = instances?.Count ?? 1;
            _ceiling = (int)Math.Min(PermitsPerSecond, _exchanged + (left + count - 1) / count);
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        lock (_gate)
        {
            var now = time.GetUtcNow();
            Roll(now);
            if (permitCount == 0 ? _used < _ceiling : _used + permitCount <= _ceiling)
            {
                _used += permitCount;
                _successful++;
                return WindowLease.Acquired;
            }
            _failed++;
            return new WindowLease(false, UntilNextWindow(now));
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private void Roll(DateTimeOffset now)
    {
        var window = WindowOf(now);
        if (window == _window)
            return;
        _window = window;
        _used = 0;
        _exchanged = 0;
        _ceiling = instances is null ? PermitsPerSecond : instances.ShareOf(PermitsPerSecond);
    }

    private static long WindowOf(DateTimeOffset now) => now.UtcTicks / TimeSpan.TicksPerSecond;

    private sealed class WindowLease(bool acquired, TimeSpan retryAfter) : RateLimitLease
    {
        public static readonly WindowLease Acquired = new(true, TimeSpan.Zero);

        public override bool IsAcquired { get; } = acquired;

        public override IEnumerable<string> MetadataNames => IsAcquired ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (!IsAcquired && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = retryAfter;
                return true;
            }
            metadata = null;
            return false;
        }
    }
}
