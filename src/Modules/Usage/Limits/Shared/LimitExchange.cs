using KsQuery.Contracts.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Usage.Limits.Shared;

/// <summary>Every <see cref="LimitExchangeOptions.LimitExchange"/>, adds the calls this instance let through since the last
/// exchange to the shared per-second and per-month counts and hands every instance's totals back to the limiters, which
/// keep answering from memory. Also counts the instances alive (for each one's share of a second before its first exchange).
/// A graceful stop exchanges once more, so no quota count acknowledged is lost.</summary>
internal sealed class LimitExchange(
    KeyLimits limits,
    QuotaTracker quota,
    LimitInstances instances,
    PostgresLimitCounts counts,
    IOptions<LimitExchangeOptions> options,
    TimeProvider time,
    ILogger<LimitExchange> logger) : PeriodicBackgroundService(time)
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromSeconds(10);
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;

    protected override TimeSpan Interval => options.Value.LimitExchange;

    protected override Task RunAsync(CancellationToken cancellationToken) => ExchangeAsync(cancellationToken);

    // What was not sent stays counted here and goes with the next exchange.
    protected override void OnRunFailed(Exception exception) =>
        logger.LogWarning(exception, "Exchanging rate-limit and quota counts with the other instances failed; will retry");

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await RunSafelyAsync(cancellationToken);
    }

    /// <summary>One exchange.</summary>
    public async Task ExchangeAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var interval = options.Value.LimitExchange;
        // Alive: seen within the last few exchanges (at least a second, for instances paused by a garbage collection).
        var since = now - TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, interval.Ticks * 5));
        instances.Count = await counts.HeartbeatAsync(now, since, cancellationToken);

        // Keys used here this second: what they took is added, and the others' part of the second comes back.
        var rates = new List<(string KeyId, long Second, long Sent)>();
        var limiters = new Dictionary<string, (PerSecondRateLimiter Rate, long Second, int Sent)>(StringComparer.Ordinal);
        foreach (var (keyId, rate) in limits.RateLimiters)
        {
            var (second, used, unexchanged) = rate.ToExchange(now);
            if (used == 0)
                continue;
            rates.Add((keyId, second, unexchanged));
            limiters[keyId] = (rate, second, unexchanged);
        }
        foreach (var (keyId, total) in await counts.AddRateAsync(rates, cancellationToken))
        {
            var (rate, second, sent) = limiters[keyId];
            rate.Exchange(second, sent, total);
        }

        // Month counts: those with calls to add, and those of keys in use here (whose quota the others may be using up).
        var months = new List<(string KeyId, DateTimeOffset Month, long Sent)>();
        var counters = new Dictionary<string, QuotaTracker.MonthCounter>(StringComparer.Ordinal);
        foreach (var (keyId, counter) in quota.Counters)
        {
            var (month, unexchanged) = QuotaTracker.ToExchange(counter);
            if (month == default || (unexchanged == 0 && !limiters.ContainsKey(keyId)))
                continue;
            months.Add((keyId, month, unexchanged));
            counters[keyId] = counter;
        }
        var monthTotals = await counts.AddQuotaAsync(months, cancellationToken);
        foreach (var (keyId, month, sent) in months)
        {
            if (monthTotals.TryGetValue(keyId, out var total))
                QuotaTracker.Exchange(counters[keyId], month, sent, total);
        }

        if (now - _lastPrune >= PruneEvery)
        {
            _lastPrune = now;
            await counts.PruneAsync(now.ToUnixTimeSeconds() - 60, now - TimeSpan.FromMinutes(1), cancellationToken);
        }
    }
}
