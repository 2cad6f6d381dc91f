using System.Collections.Concurrent;
using System.Globalization;
using KsQuery.Contracts.Http;

namespace KsQuery.Modules.Usage.Limits;

/// <summary>Applies a verified key's per-second rate limit (one <see cref="PerSecondRateLimiter"/> per key, no queue) and
/// its monthly quota (<see cref="QuotaTracker"/>). Order: a used-up quota refuses first (without taking a rate permit),
/// then the rate limit, then the call is counted against the quota. All in memory, one lookup per key and store and
/// nothing allocated per call: no store access per request.</summary>
internal sealed class KeyLimits(QuotaTracker quota, TimeProvider time) : IDisposable
{
    // RateLimit-Policy values by (rate, quota, month length): a handful of distinct strings, built once each.
    private static readonly ConcurrentDictionary<(int Rate, long? Quota, long MonthSeconds), string> Policies = new();

    private readonly ConcurrentDictionary<string, PerSecondRateLimiter> _rates = new(StringComparer.Ordinal);

    /// <summary>Checks and takes a permit for a call about to be served.</summary>
    public LimitDecision Acquire(VerifiedKey key, DateTimeOffset now)
    {
        var month = quota.CounterOf(key.KeyId);
        var rate = RateOf(key);
        var used = quota.Used(month, key.KeyId, now);
        if (key.MonthlyQuota is { } limit && used >= limit)
            return Decide(key, now, month, rate.Available(now), used, LimitDecision.QuotaExceeded);
        if (!rate.TryTake(now, out var remaining))
            return Decide(key, now, month, 0, used, LimitDecision.RateLimited);
        if (!quota.TryConsume(month, key, now, out used))
            return Decide(key, now, month, remaining, used, LimitDecision.QuotaExceeded);
        return Decide(key, now, month, remaining, used, null);
    }

    /// <summary>The key's state without taking anything (for calls the endpoint refuses, e.g. scope mismatch).</summary>
    public LimitDecision Peek(VerifiedKey key, DateTimeOffset now)
    {
        var month = quota.CounterOf(key.KeyId);
        return Decide(key, now, month, RateOf(key).Available(now), quota.Used(month, key.KeyId, now), null);
    }

    public void Dispose()
    {
        foreach (var rate in _rates.Values)
            rate.Dispose();
    }

    // A key whose rate was changed gets a fresh limiter (its verified form is rebuilt when the key is edited).
    private PerSecondRateLimiter RateOf(VerifiedKey key)
    {
        var permits = Math.Max(1, key.RateLimitPerSecond);
        var rate = _rates.GetOrAdd(key.KeyId, static (_, state) => new PerSecondRateLimiter(state.permits, state.time), (permits, time));
        if (rate.PermitsPerSecond == permits)
            return rate;
        var fresh = new PerSecondRateLimiter(permits, time);
        _rates[key.KeyId] = fresh;
        return fresh;
    }

    private static LimitDecision Decide(VerifiedKey key, DateTimeOffset now, QuotaTracker.MonthCounter month, long rateRemaining,
        long quotaUsed, string? refusal)
    {
        var rateReset = PerSecondRateLimiter.UntilNextWindow(now);
        DateTimeOffset monthStart, monthEnd;
        lock (month)
            (monthStart, monthEnd) = (month.Month, month.NextMonth);
        var policy = Policies.GetOrAdd((key.RateLimitPerSecond, key.MonthlyQuota, (long)(monthEnd - monthStart).TotalSeconds),
            static p => p.Quota is { } q
                ? string.Create(CultureInfo.InvariantCulture, $"{p.Rate};w=1, {q};w={p.MonthSeconds}")
                : string.Create(CultureInfo.InvariantCulture, $"{p.Rate};w=1"));

        var quotaRemaining = key.MonthlyQuota is { } limit ? Math.Max(0, limit - quotaUsed) : long.MaxValue;
        var quotaBinds = refusal == LimitDecision.QuotaExceeded || (refusal is null && quotaRemaining < rateRemaining);
        return quotaBinds
            ? new LimitDecision(refusal, key.MonthlyQuota!.Value, quotaRemaining, monthEnd - now,
                refusal is null ? null : monthEnd - now, policy,
                refusal is null ? "" : string.Create(CultureInfo.InvariantCulture, $"This key's monthly quota of {key.MonthlyQuota} calls is used up; it resets at {monthEnd:yyyy-MM-ddTHH:mm:ssZ}."))
            : new LimitDecision(refusal, key.RateLimitPerSecond, rateRemaining, rateReset,
                refusal is null ? null : rateReset, policy,
                refusal is null ? "" : string.Create(CultureInfo.InvariantCulture, $"This key allows {key.RateLimitPerSecond} calls per second; retry in a second."));
    }
}
