using KsQuery.Contracts.Hosting;

namespace KsQuery.Modules.Keys.Hashing;

/// <summary>Gives Argon2id's working memory back to the operating system once hashing has gone quiet.</summary>
/// <remarks>Each hash leaves a block of <c>MemoryKiB</c> (19 MiB by default) on the large object heap. A background
/// collection frees those blocks for reuse but the GC keeps their memory committed: after a few key creations the
/// process stayed ~60 MB larger for good (bench/run), and a blocking compacting one (<c>Forced</c>) did not change that.
/// An <c>Aggressive</c> collection, which also decommits, gives it back (~185 MB idle instead of ~250 MB), but it
/// stops the process for tens of milliseconds, so it runs only after <see cref="QuietPeriod"/> without hashing and at
/// most once per <see cref="MinimumSpacing"/>, never inside a burst of key creations or logins.</remarks>
internal sealed class WorkingMemoryReclaimer : IDisposable
{
    internal static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(1);
    internal static readonly TimeSpan MinimumSpacing = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _time;
    private readonly Func<bool> _isIdle;
    private readonly Action _collect;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private DateTimeOffset? _lastCollection;

    public WorkingMemoryReclaimer(TimeProvider time, Func<bool> isIdle, Action? collect = null)
    {
        _time = time;
        _isIdle = isIdle;
        _collect = collect ?? HeapCompaction.CollectAndDecommit;
        _timer = time.CreateTimer(static state => ((WorkingMemoryReclaimer)state!).OnQuiet(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Called when the last running hash finishes; (re)starts the quiet period.</summary>
    public void HashingStopped()
    {
        lock (_gate)
        {
            var due = QuietPeriod;
            if (_lastCollection is { } last && last + MinimumSpacing - _time.GetUtcNow() is var spacing && spacing > due)
                due = spacing;
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnQuiet()
    {
        lock (_gate)
        {
            // A hash started since: its own end re-arms the timer.
            if (!_isIdle())
                return;
            _lastCollection = _time.GetUtcNow();
        }
        _collect();
    }

    public void Dispose() => _timer.Dispose();
}
