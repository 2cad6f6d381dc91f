using System.Diagnostics.Metrics;

namespace KsQuery.Contracts.Telemetry;

/// <summary>Bucket bounds of KS Query's duration histograms, in seconds: the default bounds of OpenTelemetry are meant for
/// milliseconds and would put every keyed call in the first bucket. The same bounds as ASP.NET Core's
/// <c>http.server.request.duration</c>, so their quantiles compare.</summary>
public static class DurationBuckets
{
    public static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
    };
}
