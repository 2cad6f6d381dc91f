using KsQuery.Contracts.Telemetry;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using KsQuery.Contracts.Http;

namespace KsQuery.Modules.Usage.Telemetry;

/// <summary>The Usage module's instruments for keyed calls and usage writes (meter <c>KsQuery.Usage</c>,
/// docs/operations.md, Metrics), created once. A keyed call is counted in <see cref="KeyedCallCounts"/> and its duration
/// recorded with the strings its endpoint already holds, so recording allocates nothing.</summary>
internal sealed class UsageMetrics
{
    public const string MeterName = "KsQuery.Usage";

    private readonly KeyedCallCounts _calls = new();
    private readonly Histogram<double> _callDuration;
    private readonly Histogram<double> _flushDuration;
    private readonly Histogram<long> _flushBatch;

    public UsageMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("ksquery.keyed_calls", _calls.Read, "{call}",
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
        _calls.Add(api, status);
        if (_callDuration.Enabled)
            _callDuration.Record(durationMs / 1000, tags);
    }

    public void Flushed(TimeSpan duration, int records)
    {
        _flushDuration.Record(duration.TotalSeconds);
        _flushBatch.Record(records);
    }
}
