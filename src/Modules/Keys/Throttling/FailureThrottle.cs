using System.Collections.Concurrent;

namespace KsQuery.Modules.Keys.Throttling;

/// <summary>
/// Counts failures per key (an email, an address, an API-key id) in a sliding window; once
/// <c>maxFailures</c> fall inside the window the key is blocked until the oldest of them leaves it.
/// An attempt whose check is slow (a hash) is reserved before the check with <see cref="TryReserve"/>: it counts as a
/// failure from that moment, so parallel attempts cannot all pass the count before the first one fails, and it is
/// <see cref="Release">released</see> when the check succeeds.
/// In memory and per instance. Entries idle for a full window are dropped as the map grows.
/// </summary>
internal sealed class FailureThrottle(int maxFailures, TimeSpan window, TimeProvider time)
{
    private const int PruneThreshold = 10_000;

    private readonly ConcurrentDictionary<string, List<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    /// <summary>How long the key stays blocked, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(string key)
    {
        if (maxFailures <= 0 || !_failures.TryGetValue(key, out var failures))
            return null;
        var now = time.GetUtcNow();
        lock (failures)
        {
            Trim(failures, now);
            return failures.Count >= maxFailures ? failures[0] + window - now : null;
        }
    }

    public void RecordFailure(string key) => Add(key, always: true, out _);

    /// <summary>Counts an attempt as failed now, before it is checked, unless the key is blocked: null when reserved
    /// (<paramref name="reservedAt"/> identifies the reservation), else how long the key stays blocked.</summary>
    public TimeSpan? TryReserve(string key, out DateTimeOffset reservedAt) => Add(key, always: false, out reservedAt);

    /// <summary>Takes back a reservation whose attempt succeeded.</summary>
    public void Release(string key, DateTimeOffset reservedAt)
    {
        if (maxFailures <= 0 || !_failures.TryGetValue(key, out var failures))
            return;
        lock (failures)
            failures.Remove(reservedAt);
    }

    public void Reset(string key) => _failures.TryRemove(key, out _);

    private TimeSpan? Add(string key, bool always, out DateTimeOffset at)
    {
        var now = at = time.GetUtcNow();
        if (maxFailures <= 0)
            return null;
        while (true)
        {
            var failures = _failures.GetOrAdd(key, _ => new List<DateTimeOffset>(maxFailures));
            lock (failures)
            {
                // Pruned (or reset) between the lookup and the lock: an entry no longer in the map counts for nothing.
                if (!_failures.TryGetValue(key, out var current) || !ReferenceEquals(current, failures))
                    continue;
                Trim(failures, now);
                if (failures.Count >= maxFailures)
                {
                    if (!always)
                        return failures[0] + window - now;
                    failures.RemoveAt(0);
                }
                failures.Add(now);
            }
            if (_failures.Count > PruneThreshold)
                Prune(now);
            return null;
        }
    }

    private void Trim(List<DateTimeOffset> failures, DateTimeOffset now)
    {
        var expired = 0;
        while (expired < failures.Count && failures[expired] + window <= now)
            expired++;
        if (expired > 0)
            failures.RemoveRange(0, expired);
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, failures) in _failures)
        {
            lock (failures)
            {
                Trim(failures, now);
                if (failures.Count == 0)
                    _failures.TryRemove(new KeyValuePair<string, List<DateTimeOffset>>(key, failures));
            }
        }
    }
}
