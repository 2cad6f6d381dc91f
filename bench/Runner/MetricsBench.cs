using System.Globalization;
using static Bench.Runner.Stats;

namespace Bench.Runner;

/// <summary>
/// <c>bench/run --metrics</c> (issue 18): the keyed <c>GET /v1/kalp/testnet/network</c> with a cached key on two KS Query
/// processes side by side, one with metrics on (the default: OpenTelemetry listening, <c>/metrics</c> served) and one with
/// <c>Metrics:Enabled=false</c> (nothing listens to the instruments), each on a data directory of its own. Rounds
/// alternate which goes first (ABBA); the ratio is the median of each round's on/off ratio. After each run with metrics on,
/// <c>/metrics</c> is scraped once, as Prometheus would, and its count of keyed calls must have grown by the calls wrk made.
/// </summary>
internal static class MetricsBench
{
    private const string Path = "/v1/kalp/testnet/network";

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var report = new Report();
        Console.WriteLine($"KS Query metrics benchmark: {options.Rounds} rounds x {options.Seconds}s, -c{options.Connections}, keyed GET {Path}, metrics on vs off");
        Console.WriteLine($"  load average at start: {SecurityBench.LoadAverage()}");
        ServiceProcess? on = null;
        ServiceProcess? off = null;
        try
        {
            (on, var onKey) = await StartAsync(options, metrics: true);
            (off, var offKey) = await StartAsync(options, metrics: false);
            using var scraper = new HttpClient { BaseAddress = new Uri(on.Url) };

            Console.WriteLine($"  warming up ({options.Warmup}s each)");
            await LoadTools.WrkAsync(on.Url + Path, Lua.Header(onKey), options.Connections, options.Warmup);
            await LoadTools.WrkAsync(off.Url + Path, Lua.Header(offKey), options.Connections, options.Warmup);

            var ons = new List<LoadResult>();
            var offs = new List<LoadResult>();
            var counted = true;
            for (var round = 0; round < options.Rounds; round++)
            {
                async Task On()
                {
                    var before = await KeyedCallsAsync(scraper);
                    ons.Add(await LoadTools.WrkAsync(on.Url + Path, Lua.Header(onKey), options.Connections, options.Seconds));
                    var after = await KeyedCallsAsync(scraper);
                    // wrk counts the answers it read; calls still in flight when it stopped may be answered and counted too.
                    counted &= after - before >= ons[^1].Requests && after - before <= ons[^1].Requests + options.Connections;
                }
                Task<LoadResult> Off() => LoadTools.WrkAsync(off.Url + Path, Lua.Header(offKey), options.Connections, options.Seconds);
                if (round % 2 == 0)
                {
                    await On();
                    offs.Add(await Off());
                }
                else
                {
                    offs.Add(await Off());
                    await On();
                }
                Console.WriteLine($"  round {round + 1}: metrics off {offs[^1].RequestsPerSecond:F0} req/s, metrics on {ons[^1].RequestsPerSecond:F0} req/s, " +
                    $"ratio {ons[^1].RequestsPerSecond / offs[^1].RequestsPerSecond:F2}");
            }
            var ratio = MedianOf(ons.Zip(offs, (a, b) => a.RequestsPerSecond / b.RequestsPerSecond));
            report.Check("M. keyed GET /network, metrics on vs off", $"{Median(ons).RequestsPerSecond:F0} vs {Median(offs).RequestsPerSecond:F0} req/s, " +
                $"ratio {ratio:F2} (p99 {Median(ons).P99Ms:F2} vs {Median(offs).P99Ms:F2} ms)", ratio >= 0.95, "ratio >= 0.95");
            report.Check("M. /metrics counted every keyed call wrk made", counted ? "yes, each round" : "no", counted, "exact");
            report.Check("M. all answers 200", $"{ons.Sum(r => r.Non2xx) + offs.Sum(r => r.Non2xx)} non-2xx",
                ons.Sum(r => r.Non2xx) + offs.Sum(r => r.Non2xx) == 0, "0");
        }
        finally
        {
            if (on is not null)
                await on.DisposeAsync();
            if (off is not null)
                await off.DisposeAsync();
        }
        Console.WriteLine($"  load average at end: {SecurityBench.LoadAverage()}");
        return report.Print();
    }

    private static async Task<(ServiceProcess Service, string Key)> StartAsync(BenchOptions options, bool metrics)
    {
        var data = Directory.CreateTempSubdirectory("ksq-bench-metrics-").FullName;
        var service = ServiceProcess.Start(options.HostDll, new Dictionary<string, string>
        {
            ["KSQUERY_DATA"] = data,
            ["Plugins__kalp__Blocks"] = options.Blocks.ToString(CultureInfo.InvariantCulture),
            ["Metrics__Enabled"] = metrics ? "true" : "false",
        });
        await service.WaitUntilServingAsync("/health", TimeSpan.FromSeconds(60));
        var setup = new Setup(service.Url);
        await setup.LogInAsync();
        var (_, key, _) = await setup.CreateKeyAsync(metrics ? "bench-metrics-on" : "bench-metrics-off");
        return (service, key);
    }

    /// <summary>The sum of every <c>ksquery_keyed_calls_total</c> sample of a scrape.</summary>
    private static async Task<double> KeyedCallsAsync(HttpClient scraper)
    {
        var text = await scraper.GetStringAsync("/metrics");
        return text.Split('\n')
            .Where(line => line.StartsWith("ksquery_keyed_calls_total{", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }
}
