using System.Collections.Concurrent;

namespace KsQuery.Modules.Keys.Throttling;

/// <summary>
/// Counts failures per key (an email, an address, an API-key id) in a sliding window; once
/// <c>maxFailures</c> fall inside the window the key is blocked until the oldest of them leaves it.
/// In memory and per instance. Entries idle for a full window are dropped as the map grows.
/// </summary>
internal sealed class FailureThrottle(int maxFailures, TimeSpan window, TimeProvider time)
{
    private const int PruneThreshold = 10_000;

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    /// <summary>How long the key stays blocked, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(string key)
    {
        if (maxFailures <= 0 || !_failures.TryGetValue(key, out var failures))
            return null;
        var now = time.GetUtcNow();
        lock (failures)
        {
            Trim(failures, now);
            return failures.Count >= maxFailures ? failures.Peek() + window - now : null;
        }
    }

    public void RecordFailure(string key)
    {
        if (maxFailures <= 0)
            return;
        var now = time.GetUtcNow();
        var failures = _failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        lock (failures)
        {
            Trim(failures, now);
            failures.Enqueue(now);
            while (failures.Count > maxFailures)
                failures.Dequeue();
        }
        if (_failures.Count > PruneThreshold)
            Prune(now);
    }

    public void Reset(string key) => _failures.TryRemove(key, out _);

    private void Trim(Queue<DateTimeOffset> failures, DateTimeOffset now)
    {
        while (failures.Count > 0 && failures.Peek() + window <= now)
            failures.Dequeue();
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, failures) in _failures)
        {
            lock (failures)
            {
                Trim(failures, now);
                if (failures.Count == 0)
                    _failures.TryRemove(new KeyValuePair<string, Queue<DateTimeOffset>>(key, failures));
            }
        }
    }
}
