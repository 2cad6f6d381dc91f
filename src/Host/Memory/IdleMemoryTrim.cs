using KsQuery.Contracts.Hosting;

namespace KsQuery.Host.Memory;

/// <summary>Gives the heap a burst of calls left behind back to the operating system once the service has gone quiet.</summary>
/// <remarks>The collector runs only when something allocates, so after a load the garbage of its last moments and the heap
/// it grew stay committed for as long as the service is idle: <c>bench/run --memory</c> read 233 MB both right after its
/// load and 5 s later, against 192 MB at a restart's first call. Once a second this reads how much the process allocated
/// (a counter, nothing on the request path). After a load (<see cref="TrimAfterBytes"/> allocated since the last full
/// blocking collection, whoever ran it) followed by <see cref="QuietTicks"/> quiet seconds, it runs one compacting
/// collection that also decommits, at most once per <see cref="MinimumSpacing"/>. That stops the process for tens of
/// milliseconds, so "quiet" is set well below a trickle of calls (~400 a second allocate 256 KiB). Argon2id's blocks
/// after key creations are the Keys module's own concern (its <c>WorkingMemoryReclaimer</c>); a collection it runs counts
/// here as the last full one.</remarks>
internal sealed class IdleMemoryTrim(TimeProvider time, IHeapReadings heap) : IHostedService, IDisposable
{
    internal static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    internal const long QuietBytesPerTick = 256 * 1024;
    internal const int QuietTicks = 2;
    internal const long TrimAfterBytes = 32L * 1024 * 1024;
    internal static readonly TimeSpan MinimumSpacing = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private ITimer? _timer;
    private long _lastAllocated;
    private long _allocatedAtFullCollection;
    private long _fullCollections;
    private int _quietTicks;
    private DateTimeOffset? _lastTrim;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _lastAllocated = _allocatedAtFullCollection = heap.AllocatedBytes;
            _fullCollections = heap.FullBlockingCollections;
        }
        _timer = time.CreateTimer(static state => ((IdleMemoryTrim)state!).OnTick(), this, Tick, Tick);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    /// <summary>One reading; the timer calls it every <see cref="Tick"/>. Returns whether it trimmed.</summary>
    internal bool OnTick()
    {
        lock (_gate)
        {
            var allocated = heap.AllocatedBytes;
            if (heap.FullBlockingCollections is var full && full != _fullCollections)
            {
                // Another full collection ran since (the Keys module's, the ledger's after loading): what it left is the baseline.
                _fullCollections = full;
                _allocatedAtFullCollection = allocated;
            }
            _quietTicks = allocated - _lastAllocated < QuietBytesPerTick ? _quietTicks + 1 : 0;
            _lastAllocated = allocated;
            if (_quietTicks < QuietTicks || allocated - _allocatedAtFullCollection < TrimAfterBytes)
                return false;
            var now = time.GetUtcNow();
            if (_lastTrim is { } last && now - last < MinimumSpacing)
                return false;
            _lastTrim = now;
            heap.Trim();
            _allocatedAtFullCollection = _lastAllocated = heap.AllocatedBytes;
            _fullCollections = heap.FullBlockingCollections;
            return true;
        }
    }

    public void Dispose() => _timer?.Dispose();
}

/// <summary>What <see cref="IdleMemoryTrim"/> reads of the collector, and its one action; tests replace it.</summary>
internal interface IHeapReadings
{
    long AllocatedBytes { get; }

    long FullBlockingCollections { get; }

    void Trim();
}

internal sealed class ProcessHeap : IHeapReadings
{
    public long AllocatedBytes => GC.GetTotalAllocatedBytes(precise: false);

    public long FullBlockingCollections => GC.GetGCMemoryInfo(GCKind.FullBlocking).Index;

    public void Trim() => HeapCompaction.CollectAndDecommit();
}
