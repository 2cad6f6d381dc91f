using KsQuery.Contracts.Telemetry;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using KsQuery.Contracts.Http;

namespace KsQuery.Modules.Usage.Telemetry;

/// <summary>The Usage module's instruments for keyed calls and usage writes (meter <c>KsQuery.Usage</c>,
/// docs/operations.md, Metrics), created once. A keyed call is recorded with the strings its endpoint already holds and a
/// boxed status code kept per code, so recording allocates nothing.</summary>
internal sealed class UsageMetrics
{
    public const string MeterName = "KsQuery.Usage";

    private static readonly object[] Statuses = Enumerable.Range(0, 600).Select(s => (object)s).ToArray();

    private readonly Counter<long> _calls;
    private readonly Histogram<double> _callDuration;
    private readonly Histogram<double> _flushDuration;
    private readonly Histogram<long> _flushBatch;

    public UsageMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _calls = meter.CreateCounter<long>("ksquery.keyed_calls", "{call}",
            "Keyed chain API calls answered, served or refused, by chain, network, API and status");
        _callDuration = meter.CreateHistogram<double>("ksquery.keyed_call.duration", "s",
            "Time to answer a keyed chain API call (key check, limits and plugin call), by chain, network and API", tags: null, advice: DurationBuckets.Seconds);
        _flushDuration = meter.CreateHistogram<double>("ksquery.usage.flush.duration", "s",
            "Time of one write of pending usage to the store", tags: null, advice: DurationBuckets.Seconds);
        _flushBatch = meter.CreateHistogram<long>("ksquery.usage.flush.batch_size", "{record}",
            "Records (usage buckets, rejections, alerts, addresses) in one write of pending usage");
    }

    public void CallAnswered(ChainApiMetadata api, int status, double durationMs)
    {
        var tags = new TagList
        {
            { "chain", api.Chain },
            { "network", api.Network },
            { "api", api.ApiId },
        };
        if (_callDuration.Enabled)
            _callDuration.Record(durationMs / 1000, tags);
        if (_calls.Enabled)
        {
            tags.Add("status", (uint)status < Statuses.Length ? Statuses[status] : status);
            _calls.Add(1, tags);
        }
    }

    public void Flushed(TimeSpan duration, int records)
    {
        _flushDuration.Record(duration.TotalSeconds);
        _flushBatch.Record(records);
    }
}
