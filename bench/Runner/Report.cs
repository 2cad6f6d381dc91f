namespace Bench.Runner;

/// <summary>The table bench/run prints: each figure with its target and PASS/FAIL.</summary>
internal sealed class Report
{
    private readonly List<(string Name, string Value, string Target, bool Pass)> _rows = [];

    /// <summary>A throughput figure: medians of both services, and <paramref name="ratio"/>, the median of the rounds' ratios.</summary>
    public void Ratio(string name, LoadResult ksq, LoadResult baseline, double ratio, double target)
    {
        Check(name, $"{ksq.RequestsPerSecond:F0} vs {baseline.RequestsPerSecond:F0} req/s, ratio {ratio:F2} (p99 {ksq.P99Ms:F2} vs {baseline.P99Ms:F2} ms)",
            ratio >= target, $"ratio >= {target:F2}");
    }

    public void Check(string name, string value, bool pass, string target) => _rows.Add((name, value, target, pass));

    public int Print()
    {
        Console.WriteLine();
        Console.WriteLine($"| {"figure",-52} | {"measured",-62} | {"target",-16} | result |");
        Console.WriteLine($"|{new string('-', 54)}|{new string('-', 64)}|{new string('-', 18)}|--------|");
        foreach (var (name, value, target, pass) in _rows)
            Console.WriteLine($"| {name,-52} | {value,-62} | {target,-16} | {(pass ? "PASS" : "FAIL"),-6} |");
        var failed = _rows.Count(r => !r.Pass);
        Console.WriteLine(failed == 0 ? "\nall figures PASS" : $"\n{failed} figure(s) FAIL");
        return failed == 0 ? 0 : 1;
    }
}
