using System.Collections.Concurrent;
using System.Globalization;
using KsQuery.Contracts.Http;

namespace KsQuery.Modules.Usage.Limits;

/// <summary>Applies a verified key's per-second rate limit (one <see cref="PerSecondRateLimiter"/> per key, no queue) and
/// its monthly quota (<see cref="QuotaTracker"/>). Order: a used-up quota refuses first (without taking a rate permit),
/// then the rate limit, then the call is counted against the quota. All in memory, one lookup per call and nothing
/// allocated per call: no store access per request.</summary>
internal sealed class KeyLimits(QuotaTracker quota, TimeProvider time, LimitInstances? instances = null) : IDisposable
{
    private readonly ConcurrentDictionary<string, KeyState> _keys = new(StringComparer.Ordinal);

    /// <summary>Checks and takes a permit for a call about to be served.</summary>
    public LimitDecision Acquire(VerifiedKey key, DateTimeOffset now)
    {
        var state = StateOf(key);
        var used = quota.Used(state.Month, key.KeyId, now, out var month);
        if (key.MonthlyQuota is { } limit && used >= limit)
            return Decide(key, state, now, month, state.Rate.Available(now), used, LimitDecision.QuotaExceeded);
        if (!state.Rate.TryTake(now, out var remaining))
            return Decide(key, state, now, month, 0, used, LimitDecision.RateLimited);
        if (!quota.TryConsume(state.Month, key, now, out used))
            return Decide(key, state, now, month, remaining, used, LimitDecision.QuotaExceeded);
        return Decide(key, state, now, month, remaining, used, null);
    }

    /// <summary>The key's state without taking anything (for calls the endpoint refuses, e.g. scope mismatch).</summary>
    public LimitDecision Peek(VerifiedKey key, DateTimeOffset now)
    {
        var state = StateOf(key);
        var used = quota.Used(state.Month, key.KeyId, now, out var month);
        return Decide(key, state, now, month, state.Rate.Available(now), used, null);
    }

    public void Dispose()
    {
        foreach (var state in _keys.Values)
            state.Rate.Dispose();
    }

    // A key whose rate was changed gets a fresh limiter (its verified form is rebuilt when the key is edited).
    private KeyState StateOf(VerifiedKey key)
    {
        var permits = Math.Max(1, key.RateLimitPerSecond);
        var state = _keys.GetOrAdd(key.KeyId, static (keyId, s) => s.Self.NewState(keyId, s.Permits), (Self: this, Permits: permits));
        if (state.Rate.PermitsPerSecond == permits)
            return state;
        var fresh = NewState(key.KeyId, permits);
        _keys[key.KeyId] = fresh;
        return fresh;
    }

    private KeyState NewState(string keyId, int permits) => new(new PerSecondRateLimiter(permits, time, instances), quota.CounterOf(keyId));

    /// <summary>Every key's rate limiter (for the exchange of counts between instances).</summary>
    public IEnumerable<(string KeyId, PerSecondRateLimiter Rate)> RateLimiters => _keys.Select(k => (k.Key, k.Value.Rate));

    private static LimitDecision Decide(VerifiedKey key, KeyState state, DateTimeOffset now,
        (DateTimeOffset Start, DateTimeOffset End) month, long rateRemaining, long quotaUsed, string? refusal)
    {
        var policy = state.PolicyFor(key, month);
        var quotaRemaining = key.MonthlyQuota is { } limit ? Math.Max(0, limit - quotaUsed) : long.MaxValue;
        var quotaBinds = refusal == LimitDecision.QuotaExceeded || (refusal is null && quotaRemaining < rateRemaining);
        if (quotaBinds)
        {
            return new LimitDecision(refusal, key.MonthlyQuota!.Value, quotaRemaining, month.End - now,
                refusal is null ? null : month.End - now, policy,
                refusal is null ? "" : string.Create(CultureInfo.InvariantCulture, $"This key's monthly quota of {key.MonthlyQuota} calls is used up; it resets at {month.End:yyyy-MM-ddTHH:mm:ssZ}."));
        }
        var rateReset = PerSecondRateLimiter.UntilNextWindow(now);
        return new LimitDecision(refusal, key.RateLimitPerSecond, rateRemaining, rateReset,
            refusal is null ? null : rateReset, policy,
            refusal is null ? "" : string.Create(CultureInfo.InvariantCulture, $"This key allows {key.RateLimitPerSecond} calls per second; retry in a second."));
    }

    /// <summary>What the limits keep of one key: its rate limiter, its month counter and its last
    /// <c>RateLimit-Policy</c> text, built again only when the key's limits or the month's length change.</summary>
    private sealed class KeyState(PerSecondRateLimiter rate, QuotaTracker.MonthCounter counter)
    {
        private volatile Policy? _policy;

        public PerSecondRateLimiter Rate { get; } = rate;

        public QuotaTracker.MonthCounter Month { get; } = counter;

        public string PolicyFor(VerifiedKey key, (DateTimeOffset Start, DateTimeOffset End) month)
        {
            var monthSeconds = (long)(month.End - month.Start).TotalSeconds;
            if (_policy is { } cached && cached.Rate == key.RateLimitPerSecond && cached.Quota == key.MonthlyQuota && cached.MonthSeconds == monthSeconds)
                return cached.Text;
            var text = key.MonthlyQuota is { } quota
                ? string.Create(CultureInfo.InvariantCulture, $"{key.RateLimitPerSecond};w=1, {quota};w={monthSeconds}")
                : string.Create(CultureInfo.InvariantCulture, $"{key.RateLimitPerSecond};w=1");
            _policy = new Policy(key.RateLimitPerSecond, key.MonthlyQuota, monthSeconds, text);
            return text;
        }

        private sealed record Policy(int Rate, long? Quota, long MonthSeconds, string Text);
    }
}
