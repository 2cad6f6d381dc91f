using System.Diagnostics;
using System.Globalization;
using System.Net;
using static Bench.Runner.Stats;

namespace Bench.Runner;

/// <summary>
/// <c>bench/run --scale-out</c> (issue 19, docs/scaling.md) on a throw-away PostgreSQL cluster that bench/run starts
/// (<c>KSQ_BENCH_POSTGRES</c>, its connection string):
/// <list type="number">
/// <item>the keyed <c>GET /v1/kalp/testnet/network</c> of an instance on PostgreSQL against one on the LiteDB default, side by
/// side in paired rounds (target: at least 0.90, since the hot path answers from memory);</item>
/// <item>two instances on that PostgreSQL behind a loopback balancer against one instance behind the same balancer;</item>
/// <item>how long a revoke on one instance takes to fail the key's next call on the other (target: at most 1 s).</item>
/// </list>
/// </summary>
internal static class ScaleOutBench
{
    private const string Path = "/v1/kalp/testnet/network";

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var connection = Environment.GetEnvironmentVariable("KSQ_BENCH_POSTGRES")
            ?? throw new InvalidOperationException("KSQ_BENCH_POSTGRES is not set: run this through bench/run --scale-out, which starts PostgreSQL.");
        var report = new Report();
        Console.WriteLine($"KS Query scale-out benchmark: {options.Rounds} rounds x {options.Seconds}s, -c{options.Connections}, keyed GET {Path}");
        Console.WriteLine($"  load average at start: {SecurityBench.LoadAverage()}");
        var services = new List<ServiceProcess>();
        try
        {
            var lite = await StartAsync(options, services, store: null);
            var a = await StartAsync(options, services, connection);
            var b = await StartAsync(options, services, connection);
            var liteSetup = new Setup(lite.Url);
            await liteSetup.LogInAsync();
            var (_, liteKey, _) = await liteSetup.CreateKeyAsync("bench-lite");
            var pgSetup = new Setup(a.Url);
            await pgSetup.LogInAsync();
            var (_, pgKey, _) = await pgSetup.CreateKeyAsync("bench-pg");

            Console.WriteLine($"  warming up ({options.Warmup}s each)");
            await LoadTools.WrkAsync(lite.Url + Path, Lua.Header(liteKey), options.Connections, options.Warmup);
            await LoadTools.WrkAsync(a.Url + Path, Lua.Header(pgKey), options.Connections, options.Warmup);
            await LoadTools.WrkAsync(b.Url + Path, Lua.Header(pgKey), options.Connections, options.Warmup);

            // 1. PostgreSQL against LiteDB, one instance each.
            var lites = new List<LoadResult>();
            var pgs = new List<LoadResult>();
            for (var round = 0; round < options.Rounds; round++)
            {
                Task<LoadResult> Lite() => LoadTools.WrkAsync(lite.Url + Path, Lua.Header(liteKey), options.Connections, options.Seconds);
                Task<LoadResult> Pg() => LoadTools.WrkAsync(a.Url + Path, Lua.Header(pgKey), options.Connections, options.Seconds);
                if (round % 2 == 0) { lites.Add(await Lite()); pgs.Add(await Pg()); }
                else { pgs.Add(await Pg()); lites.Add(await Lite()); }
                Console.WriteLine($"  S1 round {round + 1}: LiteDB {lites[^1].RequestsPerSecond:F0} req/s, PostgreSQL {pgs[^1].RequestsPerSecond:F0} req/s " +
                    $"({pgs[^1].RequestsPerSecond / lites[^1].RequestsPerSecond:F2})");
            }
            var pgRatio = MedianOf(pgs.Zip(lites, (p, l) => p.RequestsPerSecond / l.RequestsPerSecond));
            report.Check("S1. keyed GET /network, PostgreSQL vs LiteDB", $"{Median(pgs).RequestsPerSecond:F0} vs {Median(lites).RequestsPerSecond:F0} req/s, " +
                $"ratio {pgRatio:F2} (p99 {Median(pgs).P99Ms:F2} vs {Median(lites).P99Ms:F2} ms)", pgRatio >= 0.90, "ratio >= 0.90");

            // 2. Two instances behind a balancer against one behind the same kind of balancer (both pay the extra hop).
            await using (var one = new LoopbackBalancer([a.Url]))
            await using (var two = new LoopbackBalancer([a.Url, b.Url]))
            {
                var ones = new List<LoadResult>();
                var twos = new List<LoadResult>();
                for (var round = 0; round < options.Rounds; round++)
                {
                    Task<LoadResult> One() => LoadTools.WrkAsync(one.Url + Path, Lua.Header(pgKey), options.Connections, options.Seconds);
                    Task<LoadResult> Two() => LoadTools.WrkAsync(two.Url + Path, Lua.Header(pgKey), options.Connections, options.Seconds);
                    if (round % 2 == 0) { ones.Add(await One()); twos.Add(await Two()); }
                    else { twos.Add(await Two()); ones.Add(await One()); }
                    Console.WriteLine($"  S2 round {round + 1}: one instance {ones[^1].RequestsPerSecond:F0} req/s, two instances {twos[^1].RequestsPerSecond:F0} req/s");
                }
                var twoRatio = MedianOf(twos.Zip(ones, (t, o) => t.RequestsPerSecond / o.RequestsPerSecond));
                report.Check("S2. two instances vs one, behind a loopback balancer", $"{Median(twos).RequestsPerSecond:F0} vs {Median(ones).RequestsPerSecond:F0} req/s, " +
                    $"ratio {twoRatio:F2} (all on {Environment.ProcessorCount} cores with wrk and PostgreSQL)", true, "information");
                var non2xx = ones.Sum(r => r.Non2xx) + twos.Sum(r => r.Non2xx) + pgs.Sum(r => r.Non2xx) + lites.Sum(r => r.Non2xx);
                report.Check("S. all answers 200", $"{non2xx} non-2xx", non2xx == 0, "0");
            }

            // 3. Revoke on B, then call A until it refuses: the time the eviction takes to reach A.
            var propagations = new List<double>();
            using var onA = new HttpClient { BaseAddress = new Uri(a.Url) };
            var bSetup = new Setup(b.Url);
            await bSetup.LogInAsync();
            for (var sample = 0; sample < 15; sample++)
            {
                var (id, key, _) = await pgSetup.CreateKeyAsync($"bench-revoke-{sample}");
                (await StatusAsync(onA, key)).ShouldBeOk("the new key works on A");
                (await StatusAsync(new HttpClient { BaseAddress = new Uri(b.Url) }, key)).ShouldBeOk("and on B");
                await bSetup.RevokeAsync(id);
                var revoked = Stopwatch.GetTimestamp();
                while (await StatusAsync(onA, key) == HttpStatusCode.OK)
                {
                    if (Stopwatch.GetElapsedTime(revoked) > TimeSpan.FromSeconds(60))
                        throw new InvalidOperationException("A still accepts a key revoked on B a minute ago");
                }
                propagations.Add(Stopwatch.GetElapsedTime(revoked).TotalMilliseconds);
            }
            var p50 = MedianOf(propagations);
            var worst = propagations.Max();
            report.Check("S3. revoke on B to the first refusal on A", $"median {p50:F1} ms, max {worst:F1} ms ({propagations.Count} samples)",
                worst <= 1000, "<= 1 s");
        }
        finally
        {
            foreach (var service in services)
                await service.DisposeAsync();
        }
        Console.WriteLine($"  load average at end: {SecurityBench.LoadAverage()}");
        return report.Print();
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Path);
        request.Headers.Add("X-Api-Key", key);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static void ShouldBeOk(this HttpStatusCode status, string what)
    {
        if (status != HttpStatusCode.OK)
            throw new InvalidOperationException($"{what}: answered {(int)status}");
    }

    private static async Task<ServiceProcess> StartAsync(BenchOptions options, List<ServiceProcess> services, string? store)
    {
        var environment = new Dictionary<string, string>
        {
            ["KSQUERY_DATA"] = Directory.CreateTempSubdirectory("ksq-bench-scale-").FullName,
            ["Plugins__kalp__Blocks"] = options.Blocks.ToString(CultureInfo.InvariantCulture),
        };
        if (store is not null)
            environment["KSQUERY_STORE"] = store;
        var service = ServiceProcess.Start(options.HostDll, environment);
        services.Add(service);
        await service.WaitUntilServingAsync("/health", TimeSpan.FromSeconds(60));
        return service;
    }
}
