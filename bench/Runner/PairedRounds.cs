using static Bench.Runner.Stats;

namespace Bench.Runner;

/// <summary>Rounds that pair KS Query with the baseline seconds apart, alternating which goes first (ABBA): the machine's
/// speed drifts by more than 10 % over minutes here, which a ratio of two overall medians would absorb.</summary>
internal static class PairedRounds
{
    /// <param name="labels">What the two sides are called in the rounds' lines (<c>--versus</c>: REV and this checkout).</param>
    public static async Task<(LoadResult Base, LoadResult Ksq, double Ratio)> CompareAsync(string name, int rounds,
        Func<Task<LoadResult>> baseline, Func<Task<LoadResult>> ksq, (string Base, string Ksq)? labels = null)
    {
        var (baseLabel, ksqLabel) = labels ?? ("baseline", "KS Query");
        var bases = new List<LoadResult>();
        var ksqs = new List<LoadResult>();
        for (var round = 0; round < rounds; round++)
        {
            if (round % 2 == 0)
            {
                bases.Add(await baseline());
                ksqs.Add(await ksq());
            }
            else
            {
                ksqs.Add(await ksq());
                bases.Add(await baseline());
            }
            Console.WriteLine($"  {name} round {round + 1}: {baseLabel} {bases[^1].RequestsPerSecond:F0} req/s, {ksqLabel} {ksqs[^1].RequestsPerSecond:F0} req/s, " +
                $"ratio {ksqs[^1].RequestsPerSecond / bases[^1].RequestsPerSecond:F2}");
        }
        return (Median(bases), Median(ksqs), MedianOf(ksqs.Zip(bases, (k, b) => k.RequestsPerSecond / b.RequestsPerSecond)));
    }
}
