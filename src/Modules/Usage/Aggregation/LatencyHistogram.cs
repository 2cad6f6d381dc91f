namespace KsQuery.Modules.Usage.Aggregation;

/// <summary>A fixed log-scale latency histogram: counts per slot, mergeable by adding slot by slot, so minute buckets
/// add up to hours and days without keeping every duration. Slot <c>i</c> holds durations in
/// (<c>UpperBound(i-1)</c>, <c>UpperBound(i)</c>]; bounds grow by 2^(1/4) (about 19%) from 0.05 ms, so a
/// percentile read as its slot's upper bound is at most about 19% above the true value (and never above the maximum seen).</summary>
internal static class LatencyHistogram
{
    public const int Slots = 100;
    private const double FirstBoundMs = 0.05;
    private const double SlotsPerDoubling = 4;

    public static int SlotOf(double ms)
    {
        if (!(ms > FirstBoundMs))
            return 0;
        var slot = (int)Math.Ceiling(SlotsPerDoubling * Math.Log2(ms / FirstBoundMs) - 1e-9);
        return Math.Clamp(slot, 0, Slots - 1);
    }

    public static double UpperBound(int slot) => FirstBoundMs * Math.Pow(2, slot / SlotsPerDoubling);

    /// <summary>Counts one duration; the array grows to the slot it needs (stored arrays stay short for fast calls).</summary>
    public static long[] Add(long[] histogram, double ms)
    {
        var slot = SlotOf(ms);
        if (histogram.Length <= slot)
            Array.Resize(ref histogram, slot + 1);
        histogram[slot]++;
        return histogram;
    }

    public static long[] Merge(long[] into, long[]? from)
    {
        if (from is null || from.Length == 0)
            return into;
        if (into.Length < from.Length)
            Array.Resize(ref into, from.Length);
        for (var i = 0; i < from.Length; i++)
            into[i] += from[i];
        return into;
    }

    /// <summary>The <paramref name="quantile"/> (0..1] of the counted durations, capped at <paramref name="maxMs"/>; null when empty.</summary>
    public static double? Percentile(long[] histogram, double quantile, double maxMs)
    {
        long total = 0;
        foreach (var count in histogram)
            total += count;
        if (total == 0)
            return null;
        var rank = Math.Max(1, (long)Math.Ceiling(quantile * total));
        long seen = 0;
        for (var i = 0; i < histogram.Length; i++)
        {
            seen += histogram[i];
            if (seen >= rank)
                return Math.Round(Math.Min(UpperBound(i), maxMs), 3);
        }
        return Math.Round(maxMs, 3);
    }
}
