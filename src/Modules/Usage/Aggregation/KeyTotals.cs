using KsQuery.Modules.Usage.Storage;

namespace KsQuery.Modules.Usage.Aggregation;

internal sealed record KeyTotals(long Requests, long Errors, DateTimeOffset? LastUsedAt, IReadOnlyList<ApiTotals> ByApi)
{
    public static KeyTotals From(IReadOnlyCollection<StoredBucket> buckets) => new(
        buckets.Sum(b => b.Requests),
        buckets.Where(b => b.Status >= 400).Sum(b => b.Requests),
        buckets.Count == 0 ? null : buckets.Max(b => b.LastAt),
        buckets.GroupBy(b => b.ApiId)
            .Select(g => new ApiTotals(g.Key, g.Sum(b => b.Requests), g.Where(b => b.Status >= 400).Sum(b => b.Requests)))
            .OrderByDescending(a => a.Requests).ThenBy(a => a.ApiId, StringComparer.Ordinal)
            .ToList());
}

internal sealed record ApiTotals(string ApiId, long Requests, long Errors);
