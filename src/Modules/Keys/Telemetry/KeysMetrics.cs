using KsQuery.Contracts.Telemetry;
using System.Diagnostics.Metrics;
using KsQuery.Modules.Keys.Hashing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KsQuery.Modules.Keys.Telemetry;

/// <summary>The Keys module's instruments (meter <c>KsQuery.Keys</c>, docs/operations.md, Metrics), created once. Recording
/// takes constant tag values (codes, route patterns), so the keyed path allocates nothing for them.</summary>
internal sealed class KeysMetrics
{
    public const string MeterName = "KsQuery.Keys";

    private static readonly KeyValuePair<string, object?> Hit = new("result", "hit");
    private static readonly KeyValuePair<string, object?> Miss = new("result", "miss");
    private static readonly KeyValuePair<string, object?> Verified = new("result", "ok");

    private readonly Counter<long> _verifications;
    private readonly Counter<long> _cacheLookups;
    private readonly Histogram<double> _argon2Duration;
    private readonly Counter<long> _throttleRefusals;

    public KeysMetrics(IMeterFactory meters, FairHashingQueue queue)
    {
        var meter = meters.Create(MeterName);
        _verifications = meter.CreateCounter<long>("ksquery.key.verifications", "{verification}",
            "API keys checked on keyed calls, by result: ok, or the refusal code (key_invalid, key_revoked, key_expired, key_disabled)");
        _cacheLookups = meter.CreateCounter<long>("ksquery.key.cache.lookups", "{lookup}",
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
        _verifications.Add(1, failureCode is null ? Verified : new KeyValuePair<string, object?>("result", failureCode));

    public void CacheLookup(bool hit) => _cacheLookups.Add(1, hit ? Hit : Miss);

    public void Argon2Computed(TimeSpan duration) => _argon2Duration.Record(duration.TotalSeconds);

    public void ThrottleRefused(HttpContext context) =>
        _throttleRefusals.Add(1, new KeyValuePair<string, object?>("route", (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "other"));
}
