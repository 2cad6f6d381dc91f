using KsQuery.Modules.Usage.Aggregation;

namespace Usage.Tests.Aggregation;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_are_within_a_slot_of_the_exact_value_and_never_above_the_maximum()
    {
        long[] histogram = [];
        var durations = Enumerable.Range(1, 1000).Select(i => i * 0.37).ToList();
        foreach (var ms in durations)
            histogram = LatencyHistogram.Add(histogram, ms);

        var p50 = LatencyHistogram.Percentile(histogram, 0.50, durations.Max())!.Value;
        var p95 = LatencyHistogram.Percentile(histogram, 0.95, durations.Max())!.Value;

        p50.ShouldBeInRange(durations[499], durations[499] * 1.19);
        p95.ShouldBeInRange(durations[949], durations[949] * 1.19);
        LatencyHistogram.Percentile(histogram, 1.0, durations.Max())!.Value.ShouldBe(Math.Round(durations.Max(), 3));
    }

    [Fact]
    public void Merged_minutes_give_the_same_percentiles_as_one_histogram_of_every_call()
    {
        long[] whole = [], a = [], b = [];
        var random = new Random(7);
        for (var i = 0; i < 5000; i++)
        {
            var ms = Math.Exp(random.NextDouble() * 8) / 10;
            whole = LatencyHistogram.Add(whole, ms);
            if (i % 2 == 0)
                a = LatencyHistogram.Add(a, ms);
            else
                b = LatencyHistogram.Add(b, ms);
        }

        var merged = LatencyHistogram.Merge(LatencyHistogram.Merge([], a), b);

        merged.Sum().ShouldBe(5000);
        LatencyHistogram.Percentile(merged, 0.95, 1e9).ShouldBe(LatencyHistogram.Percentile(whole, 0.95, 1e9));
        LatencyHistogram.Percentile(merged, 0.50, 1e9).ShouldBe(LatencyHistogram.Percentile(whole, 0.50, 1e9));
    }

    [Fact]
    public void Empty_has_no_percentile_and_extremes_land_in_the_end_slots()
    {
        LatencyHistogram.Percentile([], 0.5, 0).ShouldBeNull();
        LatencyHistogram.SlotOf(0).ShouldBe(0);
        LatencyHistogram.SlotOf(-3).ShouldBe(0);
        LatencyHistogram.SlotOf(double.NaN).ShouldBe(0);
        LatencyHistogram.SlotOf(1e12).ShouldBe(LatencyHistogram.Slots - 1);
        LatencyHistogram.SlotOf(0.1).ShouldBe(4);
    }
}
