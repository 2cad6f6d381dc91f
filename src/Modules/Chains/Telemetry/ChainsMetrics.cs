using KsQuery.Contracts.Telemetry;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace KsQuery.Modules.Chains.Telemetry;

/// <summary>Plugin calls (meter and activity source <c>KsQuery.Chains</c>, docs/operations.md, Metrics): how long each
/// plugin call takes and which ones failed upstream, and a span around each call when traces are exported.</summary>
internal sealed class ChainsMetrics
{
    public const string Name = "KsQuery.Chains";

    /// <summary>Starts no activity (and costs nothing) unless a listener samples it: traces are collected only when an
    /// OTLP endpoint is configured.</summary>
    public static readonly ActivitySource Activities = new(Name);

    private readonly Histogram<double> _callDuration;
    private readonly Counter<long> _upstreamErrors;

    public ChainsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _callDuration = meter.CreateHistogram<double>("ksquery.plugin.call.duration", "s",
            "Time of one plugin call (the chain source included), by chain, network and API", tags: null, advice: DurationBuckets.Seconds);
        _upstreamErrors = meter.CreateCounter<long>("ksquery.plugin.upstream_errors", "{error}",
            "Plugin calls that failed because of the chain source (answered 5xx), by chain, network, API and code");
    }

    /// <summary>The tags of one API's calls, built once per endpoint.</summary>
    public static TagList TagsOf(string chain, string network, string api) => new()
    {
        { "chain", chain },
        { "network", network },
        { "api", api },
    };

    public void PluginCalled(in TagList tags, TimeSpan duration) => _callDuration.Record(duration.TotalSeconds, tags);

    public void UpstreamFailed(in TagList tags, string code)
    {
        var withCode = tags;
        withCode.Add("code", code);
        _upstreamErrors.Add(1, withCode);
    }
}
