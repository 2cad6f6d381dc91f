using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using KsQuery.Contracts.Http;

namespace KsQuery.Modules.Usage.Limits;

/// <summary>Applies a verified key's per-second rate limit (the framework's <see cref="PartitionedRateLimiter"/>,
/// partitioned by key id, one <see cref="PerSecondRateLimiter"/> per key, no queue) and its monthly quota
/// (<see cref="QuotaTracker"/>). Order: a used-up quota refuses first (without taking a rate permit), then the rate
/// limit, then the call is counted against the quota. All in memory: no store access per request.</summary>
internal sealed class KeyLimits : IDisposable
{
    // RateLimit-Policy values by (rate, quota, month length): a handful of distinct strings, built once each.
    private static readonly ConcurrentDictionary<(int Rate, long? Quota, long MonthSeconds), string> Policies = new();

    private readonly QuotaTracker _quota;
    private readonly PartitionedRateLimiter<VerifiedKey> _limiter;

    public KeyLimits(QuotaTracker quota, TimeProvider time)
    {
        _quota = quota;
        _limiter = PartitionedRateLimiter.Create<VerifiedKey, string>(key =>
            RateLimitPartition.Get(key.KeyId, _ => new PerSecondRateLimiter(Math.Max(1, key.RateLimitPerSecond), time)));
    }

    /// <summary>Checks and takes a permit for a call about to be served.</summary>
    public LimitDecision Acquire(VerifiedKey key, DateTimeOffset now)
    {
        var used = _quota.Used(key.KeyId, now);
        if (key.MonthlyQuota is { } quota && used >= quota)
            return Decide(key, now, Available(key), used, LimitDecision.QuotaExceeded);

        using (var lease = _limiter.AttemptAcquire(key))
        {
            if (!lease.IsAcquired)
                return Decide(key, now, 0, used, LimitDecision.RateLimited);
        }
        if (!_quota.TryConsume(key, now, out used))
            return Decide(key, now, Available(key), used, LimitDecision.QuotaExceeded);
        return Decide(key, now, Available(key), used, null);
    }

    /// <summary>The key's state without taking anything (for calls the endpoint refuses, e.g. scope mismatch).</summary>
    public LimitDecision Peek(VerifiedKey key, DateTimeOffset now) =>
        Decide(key, now, Available(key), _quota.Used(key.KeyId, now), null);

    public void Dispose() => _limiter.Dispose();

    private long Available(VerifiedKey key) => Math.Max(0, _limiter.GetStatistics(key)?.CurrentAvailablePermits ?? key.RateLimitPerSecond);

    private static LimitDecision Decide(VerifiedKey key, DateTimeOffset now, long rateRemaining, long quotaUsed, string? refusal)
    {
        var rateReset = PerSecondRateLimiter.UntilNextWindow(now);
        var monthEnd = QuotaTracker.MonthOf(now).AddMonths(1);
        var policy = Policies.GetOrAdd((key.RateLimitPerSecond, key.MonthlyQuota, (long)(monthEnd - QuotaTracker.MonthOf(now)).TotalSeconds),
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
