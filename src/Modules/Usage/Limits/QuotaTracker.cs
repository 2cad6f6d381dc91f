using System.Collections.Concurrent;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Usage.Aggregation;

namespace KsQuery.Modules.Usage.Limits;

/// <summary>Each key's served calls in the current UTC calendar month, in memory. What counts against a quota: every
/// call that passed the key, scope, rate-limit and quota checks and went on to the chain API, whatever the API
/// answered (2xx, 4xx such as <c>block_not_found</c>, 5xx). Refused calls (401, 403, 429) do not count. A key's counter
/// is loaded from the stored and pending buckets the first time the key is used in a month by this process (one store
/// read per key and month, never per request); a month later it starts again at zero. With several instances
/// (<paramref name="shared"/>) the count is loaded from, and exchanged with, a counter all of them add to.</summary>
internal sealed class QuotaTracker(UsageAggregator aggregator, ISharedQuotaCounts? shared = null)
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
            counter.Unexchanged++;
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
            counter.Used = shared is null ? aggregator.ServedSince(keyId, month) : shared.Load(keyId, month);
            counter.Unexchanged = 0;
            counter.Month = month;
            counter.NextMonth = month.AddMonths(1);
        }
        return counter.Used;
    }

    /// <summary>Every key's month counter (for the exchange of counts between instances).</summary>
    public IEnumerable<(string KeyId, MonthCounter Counter)> Counters => _counters.Select(c => (c.Key, c.Value));

    /// <summary>Calls counted here and not yet added to the shared count, and their month; (default, 0) when none.</summary>
    public static (DateTimeOffset Month, long Unexchanged) ToExchange(MonthCounter counter)
    {
        lock (counter)
            return counter.Month == DateTimeOffset.MaxValue ? (default, 0) : (counter.Month, counter.Unexchanged);
    }

    /// <summary>After <paramref name="sent"/> calls of <paramref name="month"/> were added to the shared count, which now
    /// stands at <paramref name="total"/> (every instance's): the counter holds it and what was counted here meanwhile.</summary>
    public static void Exchange(MonthCounter counter, DateTimeOffset month, long sent, long total)
    {
        lock (counter)
        {
            if (counter.Month != month)
                return;
            counter.Unexchanged -= sent;
            counter.Used = Math.Max(counter.Used, total + counter.Unexchanged);
        }
    }

    internal sealed class MonthCounter
    {
        public DateTimeOffset Month = DateTimeOffset.MaxValue;
        public DateTimeOffset NextMonth = DateTimeOffset.MinValue;
        public long Used;

        /// <summary>Calls counted in <see cref="Used"/> that the shared count does not hold yet.</summary>
        public long Unexchanged;
    }
}
