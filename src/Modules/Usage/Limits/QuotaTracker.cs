using System.Collections.Concurrent;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Usage.Aggregation;

namespace KsQuery.Modules.Usage.Limits;

/// <summary>Each key's served calls in the current UTC calendar month, in memory. What counts against a quota: every
/// call that passed the key, scope, rate-limit and quota checks and went on to the chain API, whatever the API
/// answered (2xx, 4xx such as <c>block_not_found</c>, 5xx). Refused calls (401, 403, 429) do not count. A key's counter
/// is loaded from the stored and pending buckets the first time the key is used in a month by this process (one store
/// read per key and month, never per request); a month later it starts again at zero.</summary>
internal sealed class QuotaTracker(UsageAggregator aggregator)
{
    private readonly ConcurrentDictionary<string, MonthCounter> _counters = new(StringComparer.Ordinal);

    public static DateTimeOffset MonthOf(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }

    /// <summary>The month counter of a key, kept for the life of the process; <see cref="KeyLimits"/> looks it up once per
    /// key and passes it back.</summary>
    public MonthCounter CounterOf(string keyId) => _counters.GetOrAdd(keyId, static _ => new MonthCounter());

    /// <summary>Counts one served call unless the quota is used up; returns the calls used this month afterwards.</summary>
    public bool TryConsume(MonthCounter counter, VerifiedKey key, DateTimeOffset now, out long used)
    {
        lock (counter)
        {
            Current(counter, key.KeyId, now);
            if (key.MonthlyQuota is { } quota && counter.Used >= quota)
            {
                used = counter.Used;
                return false;
            }
            used = ++counter.Used;
            return true;
        }
    }

    /// <summary>Calls used this month (loading the key's counter if needed).</summary>
    public long Used(string keyId, DateTimeOffset now) => Used(CounterOf(keyId), keyId, now, out _);

    /// <summary>Calls used this month, and the month they count in.</summary>
    public long Used(MonthCounter counter, string keyId, DateTimeOffset now, out (DateTimeOffset Start, DateTimeOffset End) month)
    {
        lock (counter)
        {
            var used = Current(counter, keyId, now);
            month = (counter.Month, counter.NextMonth);
            return used;
        }
    }

    private long Current(MonthCounter counter, string keyId, DateTimeOffset now)
    {
        if (now < counter.Month || now >= counter.NextMonth)
        {
            var month = MonthOf(now);
            counter.Used = aggregator.ServedSince(keyId, month);
            counter.Month = month;
            counter.NextMonth = month.AddMonths(1);
        }
        return counter.Used;
    }

    internal sealed class MonthCounter
    {
        public DateTimeOffset Month = DateTimeOffset.MaxValue;
        public DateTimeOffset NextMonth = DateTimeOffset.MinValue;
        public long Used;
    }
}
