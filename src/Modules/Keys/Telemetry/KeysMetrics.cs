using KsQuery.Contracts.Telemetry;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using KsQuery.Modules.Keys.Hashing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KsQuery.Modules.Keys.Telemetry;

/// <summary>The Keys module's instruments (meter <c>KsQuery.Keys</c>, docs/operations.md, Metrics), created once. What the
/// keyed path records on every call (verifications, cache lookups) is an interlocked increment read by observable counters
/// when metrics are collected; the rest takes constant tag values (codes, route patterns).</summary>
internal sealed class KeysMetrics
{
    public const string MeterName = "KsQuery.Keys";

    private readonly ConcurrentDictionary<string, StrongBox<long>> _verifications = new(StringComparer.Ordinal);
    private readonly StrongBox<long> _verified = new();
    private long _hits;
    private long _misses;
    private readonly Histogram<double> _argon2Duration;
    private readonly Counter<long> _throttleRefusals;

    public KeysMetrics(IMeterFactory meters, FairHashingQueue queue)
    {
        var meter = meters.Create(MeterName);
        _verifications["ok"] = _verified;
        meter.CreateObservableCounter("ksquery.key.verifications", Verifications, "{verification}",
            "API keys checked on keyed calls, by result: ok, or the refusal code (key_invalid, key_revoked, key_expired, key_disabled)");
        meter.CreateObservableCounter("ksquery.key.cache.lookups", CacheLookups, "{lookup}",
            "Well-formed keys looked up in the verified-key cache: hit (no store read, no Argon2) or miss");
        _argon2Duration = meter.CreateHistogram<double>("ksquery.argon2.duration", "s",
            "Time of one Argon2id computation (a hash or a verification), its wait for a slot excluded", tags: null, advice: DurationBuckets.Seconds);
        meter.CreateObservableUpDownCounter("ksquery.argon2.queue", () => queue.Waiting, "{computation}",
            "Argon2id computations waiting for a slot");
        meter.CreateObservableUpDownCounter("ksquery.argon2.running", () => queue.Running, "{computation}",
            "Argon2id computations running");
        _throttleRefusals = meter.CreateCounter<long>("ksquery.throttle.refusals", "{refusal}",
            "Attempts refused with 429 too_many_attempts (sign-ups, logins, reveals, password changes), by route");
    }

    public void KeyChecked(string? failureCode) =>
        Interlocked.Increment(ref (failureCode is null ? _verified : _verifications.GetOrAdd(failureCode, static _ => new StrongBox<long>())).Value);

    public void CacheLookup(bool hit)
    {
        if (hit)
            Interlocked.Increment(ref _hits);
        else
            Interlocked.Increment(ref _misses);
    }

    private IEnumerable<Measurement<long>> Verifications() =>
        _verifications.Select(pair => new Measurement<long>(Volatile.Read(ref pair.Value.Value), new KeyValuePair<string, object?>("result", pair.Key)));

    private IEnumerable<Measurement<long>> CacheLookups() =>
    [
        new(Volatile.Read(ref _hits), new KeyValuePair<string, object?>("result", "hit")),
        new(Volatile.Read(ref _misses), new KeyValuePair<string, object?>("result", "miss")),
    ];

    public void Argon2Computed(TimeSpan duration) => _argon2Duration.Record(duration.TotalSeconds);

    public void ThrottleRefused(HttpContext context) =>
        _throttleRefusals.Add(1, new KeyValuePair<string, object?>("route", (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "other"));
}
