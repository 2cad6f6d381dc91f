using System.Diagnostics;
using System.Globalization;
using Bench.Runner;
using static Bench.Runner.Stats;
using Konscious.Security.Cryptography;

// bench/run: KS Query and a bare Kestrel baseline side by side on loopback, interleaved rounds, medians and ratios.
var options = BenchOptions.Parse(args);
if (options.Security)
    return await SecurityBench.RunAsync(options);
if (options.Evm)
    return await EvmBench.RunAsync(options);
if (options.Metrics)
    return await MetricsBench.RunAsync(options);
if (options.ScaleOut)
    return await ScaleOutBench.RunAsync(options);
if (args.Contains("--memory"))
    return await MemoryBench.RunAsync(options, args);
if (options.StoredKeys > 0)
    return await StoredKeysBench.RunAsync(options);
if (options.ActiveKeys > 0)
    return await ActiveKeysBench.RunAsync(options, args);
if (Array.IndexOf(args, "--versus-host") is var versus and >= 0)
    return await VersusBench.RunAsync(options, Path.GetFullPath(args[versus + 1]), args[Array.IndexOf(args, "--versus") + 1], args);
var data = Directory.CreateTempSubdirectory("ksq-bench-").FullName;
var report = new Report();
Console.WriteLine($"KS Query benchmark: {options.Rounds} rounds x {options.Seconds}s, -c{options.Connections}, ledger {options.Blocks} blocks, {options.ExtraKeys} extra keys");

var hostDll = options.HostDll;
var baselineDll = options.BaselineDll;
var ksqEnvironment = new Dictionary<string, string>
{
    ["KSQUERY_DATA"] = data,
    ["Plugins__kalp__Blocks"] = options.Blocks.ToString(CultureInfo.InvariantCulture),
};
foreach (var (name, value) in MemoryBench.HostEnvironment(args))
{
    ksqEnvironment[name] = value;
    Console.WriteLine($"  KS Query only: {name}={value}");
}

var ksq = ServiceProcess.Start(hostDll, ksqEnvironment);
ServiceProcess? baseline = null;
try
{
    // The first start on a fresh data directory generates the local ledger; the tests assert what it generates, this times it.
    var firstStart = await ksq.WaitUntilServingAsync("/health", TimeSpan.FromSeconds(60));
    report.Check("6. first start to /health, fresh data directory", $"{firstStart.TotalSeconds:F2} s (ledger of {options.Blocks} blocks generated)",
        firstStart.TotalSeconds <= 10, "<= 10 s");
    var setup = new Setup(ksq.Url);
    await setup.LogInAsync();

    // Key creation is one Argon2id hash; the first ones also pay for JIT, so warm up before timing.
    for (var i = 0; i < 5; i++)
        await setup.CreateKeyAsync($"warmup-{i}");
    var creations = new List<double>();
    for (var i = 0; i < 10; i++)
        creations.Add((await setup.CreateKeyAsync($"creation-{i}")).Took.TotalMilliseconds);
    for (var i = 0; i < options.ExtraKeys; i++)
        await setup.CreateKeyAsync($"extra-{i}");
    var (_, valid, _) = await setup.CreateKeyAsync("bench-valid");
    var (exactId, exact, _) = await setup.CreateKeyAsync("bench-exact");
    var (_, floodTarget, _) = await setup.CreateKeyAsync("bench-flood-target");

    // The baseline answers the very bodies KS Query answers.
    baseline = await BaselineService.StartAsync(options, setup, valid);

    // Rounds alternate which service goes first (ABBA), and each round's ratio pairs two runs made seconds apart: the
    // machine's speed drifts by more than 10 % over minutes here, which a ratio of the two overall medians would absorb.
    Task<(LoadResult Base, LoadResult Ksq, double Ratio)> Compare(string name, string basePath, string ksqPath, string baseLua, string ksqLua) =>
        PairedRounds.CompareAsync(name, options.Rounds,
            () => LoadTools.WrkAsync(baseline!.Url + basePath, baseLua, options.Connections, options.Seconds),
            () => LoadTools.WrkAsync(ksq.Url + ksqPath, ksqLua, options.Connections, options.Seconds));

    // The same, with the fair baseline (issue 20: the same bytes written the way KS Query writes them) in each round too;
    // the three runs of a round rotate their order.
    async Task<(LoadResult Base, LoadResult Fair, LoadResult Ksq, double Ratio, double FairRatio)> CompareWithFair(string name, string basePath,
        string fairPath, string fairLua, string ksqPath, string ksqLua)
    {
        var bases = new List<LoadResult>();
        var fairs = new List<LoadResult>();
        var ksqs = new List<LoadResult>();
        for (var round = 0; round < options.Rounds; round++)
        {
            var runs = new (List<LoadResult> Into, Func<Task<LoadResult>> Run)[]
            {
                (bases, () => LoadTools.WrkAsync(baseline!.Url + basePath, "", options.Connections, options.Seconds)),
                (fairs, () => LoadTools.WrkAsync(baseline!.Url + fairPath, fairLua, options.Connections, options.Seconds)),
                (ksqs, () => LoadTools.WrkAsync(ksq.Url + ksqPath, ksqLua, options.Connections, options.Seconds)),
            };
            for (var i = 0; i < runs.Length; i++)
            {
                var (into, run) = runs[(round + i) % runs.Length];
                into.Add(await run());
            }
            Console.WriteLine($"  {name} round {round + 1}: baseline {bases[^1].RequestsPerSecond:F0} req/s, fair baseline {fairs[^1].RequestsPerSecond:F0} req/s, " +
                $"KS Query {ksqs[^1].RequestsPerSecond:F0} req/s, ratios {ksqs[^1].RequestsPerSecond / bases[^1].RequestsPerSecond:F2} / " +
                $"{ksqs[^1].RequestsPerSecond / fairs[^1].RequestsPerSecond:F2}");
        }
        return (Median(bases), Median(fairs), Median(ksqs), MedianOf(ksqs.Zip(bases, (k, b) => k.RequestsPerSecond / b.RequestsPerSecond)),
            MedianOf(ksqs.Zip(fairs, (k, f) => k.RequestsPerSecond / f.RequestsPerSecond)));
    }

    var networkKeyed = Lua.Header(valid);
    var height = options.Blocks;

    // Both services run tiered JIT: warm every measured path first so rounds compare steady states.
    Console.WriteLine($"  warming up ({options.Warmup}s per path)");
    await LoadTools.WrkAsync(baseline.Url + "/network", "", options.Connections, options.Warmup);
    await LoadTools.WrkAsync(baseline.Url + "/", Lua.RandomPaths("/blocks/", height, null), options.Connections, options.Warmup);
    await LoadTools.WrkAsync(baseline.Url + "/unauthorized", "", options.Connections, options.Warmup);
    await LoadTools.WrkAsync(ksq.Url + "/v1/kalp/testnet/network", networkKeyed, options.Connections, options.Warmup);
    await LoadTools.WrkAsync(ksq.Url + "/", Lua.RandomPaths("/v1/kalp/testnet/blocks/", height, valid), options.Connections, options.Warmup);
    await LoadTools.WrkAsync(ksq.Url + "/", Lua.RotatingKeys("/v1/kalp/testnet/network", [KeyForge.UnknownId(), KeyForge.BadChecksum(valid)]), options.Connections, options.Warmup);
    if (options.Runs(1))
    {
        var (b1, f1, k1, r1, fr1) = await CompareWithFair("1 network", "/network", "/fair/network", "", "/v1/kalp/testnet/network", networkKeyed);
        report.Ratio("1. keyed GET /network, cached key", k1, b1, r1, 0.85);
        report.Check("1. p99 within 1 ms of the baseline", $"{k1.P99Ms:F2} ms vs {b1.P99Ms:F2} ms", k1.P99Ms <= b1.P99Ms + 1.0, "<= baseline + 1 ms");
        report.Ratio("1. (issue 20) the same against the fair baseline", k1, f1, fr1, 0.95);
        report.Check("1. (issue 20) p99 within 0.5 ms of the fair baseline", $"{k1.P99Ms:F2} ms vs {f1.P99Ms:F2} ms", k1.P99Ms <= f1.P99Ms + 0.5, "<= fair + 0.5 ms");
        report.Check("1. all answers 200", $"{k1.Non2xx} non-2xx", k1.Non2xx == 0, "0");
    }

    if (options.Runs(2))
    {
        var (b2, k2, r2) = await Compare("2 blocks", "/", "/", Lua.RandomPaths("/blocks/", height, null), Lua.RandomPaths("/v1/kalp/testnet/blocks/", height, valid));
        report.Ratio("2. keyed GET /blocks/{n}, random n", k2, b2, r2, 0.50);
        report.Check("2. all answers 200", $"{k2.Non2xx} non-2xx", k2.Non2xx == 0, "0");
    }

    if (options.Runs(3))
    {
        var badKeys = KeyForge.BadKeys();
        var (b3, f3, k3, r3, fr3) = await CompareWithFair("3 bad keys", "/unauthorized", "/", Lua.RotatingKeys("/fair/unauthorized", badKeys), "/",
            Lua.RotatingKeys("/v1/kalp/testnet/network", badKeys)); // the fair baseline is driven by the same script (wrk runs it per call)
        report.Ratio("3. bad checksum / unknown id keys", k3, b3, r3, 0.80);
        report.Ratio("3. (issue 20) the same against the fair baseline", k3, f3, fr3, 0.95);
    }

    if (options.Runs(4))
    {
        var half = Math.Max(1, options.Connections / 2);
        var wrongSecrets = Enumerable.Range(0, 200).Select(_ => KeyForge.WrongSecret(floodTarget)).ToArray();
        var undisturbed = new List<double>();
        var disturbed = new List<double>();
        for (var round = 0; round < options.Rounds; round++)
        {
            undisturbed.Add((await LoadTools.WrkAsync(ksq.Url + "/v1/kalp/testnet/network", networkKeyed, half, options.Seconds)).RequestsPerSecond);
            var validRun = LoadTools.WrkAsync(ksq.Url + "/v1/kalp/testnet/network", networkKeyed, half, options.Seconds);
            var floodRun = LoadTools.WrkAsync(ksq.Url + "/", Lua.RotatingKeys("/v1/kalp/testnet/network", wrongSecrets), half, options.Seconds);
            await Task.WhenAll(validRun, floodRun);
            disturbed.Add(validRun.Result.RequestsPerSecond);
            Console.WriteLine($"  4 flood round {round + 1}: valid alone {undisturbed[^1]:F0} req/s, valid beside the flood {disturbed[^1]:F0} req/s (flood {floodRun.Result.RequestsPerSecond:F0} req/s)");
        }
        var floodRatio = MedianOf(disturbed.Zip(undisturbed, (d, u) => d / u));
        report.Check("4. valid traffic beside a wrong-secret flood", $"{floodRatio:P0} of undisturbed", floodRatio >= 0.50, ">= 50%");
    }

    if (options.Runs(5))
    {
        const int exactRequests = 20_000;
        var completed = await LoadTools.ApacheBenchAsync(ksq.Url + "/v1/kalp/testnet/network", exact, exactRequests, options.Connections);
        var counted = await SettledCountAsync(setup, exactId);
        report.Check("5. usage total equals answers counted by the client", $"{counted} counted, {completed} answered", counted == completed && completed == exactRequests, "exactly equal");
    }

    if (options.Runs(7))
        await RestrictedBench.RunAsync(setup, valid, ksq.Url, baseline!.Url, options, report);

    var rss = ksq.ResidentBytes();
    report.Check("6. resident memory after the load", $"{rss / 1024 / 1024} MB", rss <= 300L * 1024 * 1024, "<= 300 MB");

    // Three restarts, the median counts: a single start on this VM ranged from 0.8 s to over 2 s with the machine's
    // speed (docs/performance.md). The first 200 that matters is a keyed chain call, so the key store, the verifier
    // and the plugin's ledger are all up.
    var startups = new List<double>();
    for (var restart = 0; restart < 3; restart++)
    {
        await ksq.DisposeAsync();
        ksq = ServiceProcess.Start(hostDll, ksqEnvironment);
        startups.Add((await ksq.WaitUntilServingAsync("/v1/kalp/testnet/network", TimeSpan.FromSeconds(30), valid)).TotalSeconds);
    }
    var startup = MedianOf(startups);
    report.Check("6. start to first keyed 200, existing data directory",
        $"{startup:F2} s (restarts: {string.Join(", ", startups.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))} s)", startup <= 1.5, "<= 1.5 s");

    var argon2 = Argon2MedianMs(memoryKiB: 19456, iterations: 2, parallelism: 1);
    var creation = MedianOf(creations);
    report.Check("6. key creation median vs one Argon2id hash", $"{creation:F0} ms vs {argon2:F0} ms ({creation / argon2:F2}x)", creation <= 1.3 * argon2, "<= 1.3x");
}
finally
{
    await Cleanup.StopAsync(data, baseline, ksq);
}

return report.Print();

static double Argon2MedianMs(int memoryKiB, int iterations, int parallelism)
{
    var times = new List<double>();
    for (var i = 0; i < 7; i++)
    {
        var started = Stopwatch.GetTimestamp();
        using var argon2 = new Argon2id(new byte[24]) { Salt = new byte[16], MemorySize = memoryKiB, Iterations = iterations, DegreeOfParallelism = parallelism };
        argon2.GetBytes(32);
        times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
    return MedianOf(times);
}

// Usage events are handled off the request path; wait until the count stops moving.
static async Task<long> SettledCountAsync(Setup setup, string keyId)
{
    long last = -1;
    for (var i = 0; i < 100; i++)
    {
        var now = await setup.RequestsOfKeyAsync(keyId);
        if (now == last)
            return now;
        last = now;
        await Task.Delay(200);
    }
    return last;
}
