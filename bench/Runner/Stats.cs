namespace Bench.Runner;

/// <summary>Medians of the rounds of a side-by-side measurement.</summary>
internal static class Stats
{
    public static LoadResult Median(List<LoadResult> results) => new(
        MedianOf(results.Select(r => r.RequestsPerSecond)),
        MedianOf(results.Select(r => r.P50Ms)),
        MedianOf(results.Select(r => r.P99Ms)),
        results.Sum(r => r.Requests),
        results.Sum(r => r.Non2xx));

    public static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
