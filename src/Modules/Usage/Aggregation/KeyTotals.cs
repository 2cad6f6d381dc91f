using KsQuery.Modules.Usage.Storage;

namespace KsQuery.Modules.Usage.Aggregation;

/// <summary>Sums of buckets. <c>Errors</c> are answers with status >= 400 (refusals included); <c>Rejections</c> are
/// calls refused for their key; <c>LastUsedAt</c> ignores calls refused at authentication (they are not a use of the key).</summary>
internal sealed record KeyTotals(
    long Requests,
    long Errors,
    long Rejections,
    DateTimeOffset? LastUsedAt,
    IReadOnlyList<ApiTotals> ByApi,
    IReadOnlyDictionary<string, long> ByStatus)
{
    public static KeyTotals From(IReadOnlyCollection<StoredBucket> buckets) => new(
        buckets.Sum(b => b.Requests),
        buckets.Where(b => b.IsError).Sum(b => b.Requests),
        buckets.Where(b => !b.Served).Sum(b => b.Requests),
        buckets.Select(b => b.LastUsedAt).Where(t => t is not null).DefaultIfEmpty().Max() is { } last ? StoredTime.Utc(last) : null,
        buckets.GroupBy(b => (b.Chain, b.Network, b.ApiId))
            .Select(g => ApiTotals.From(g.Key.Chain, g.Key.Network, g.Key.ApiId, g.ToList()))
            .OrderByDescending(a => a.Requests).ThenBy(a => a.ApiId, StringComparer.Ordinal)
            .ToList(),
        ByStatusOf(buckets));

    public static SortedDictionary<string, long> ByStatusOf(IEnumerable<StoredBucket> buckets)
    {
        var byStatus = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var bucket in buckets)
        {
            var status = bucket.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            byStatus[status] = byStatus.GetValueOrDefault(status) + bucket.Requests;
        }
        return byStatus;
    }
}

/// <summary>One API's calls; <c>P50Ms</c>/<c>P95Ms</c> are latency percentiles of all its answered calls (refusals
/// included, as in the timeseries), from the merged histograms of its buckets; null when none holds a histogram.</summary>
internal sealed record ApiTotals(string Chain, string Network, string ApiId, long Requests, long Errors, double? P50Ms, double? P95Ms)
{
    public static ApiTotals From(string chain, string network, string apiId, IReadOnlyCollection<StoredBucket> buckets)
    {
        long[] histogram = [];
        foreach (var bucket in buckets)
            histogram = LatencyHistogram.Merge(histogram, bucket.Histogram);
        var maxMs = buckets.Max(b => b.MaxMs);
        return new ApiTotals(chain, network, apiId, buckets.Sum(b => b.Requests), buckets.Where(b => b.IsError).Sum(b => b.Requests),
            LatencyHistogram.Percentile(histogram, 0.50, maxMs), LatencyHistogram.Percentile(histogram, 0.95, maxMs));
    }
}
