using System.Globalization;
using static Bench.Runner.Stats;

namespace Bench.Runner;

/// <summary>
/// <c>bench/run --memory</c> (issue 20, targets 4 and 5): where KS Query's resident memory and start time go, without the
/// baseline. A first start on an empty data directory (the ledger is generated), the default run's kind of load in short
/// (key creations, keyed network and random block calls, bad keys, an exact-count run), the resident memory after it,
/// then three restarts on the existing directory, each timed to the first keyed 200, with the memory after it.
/// <c>--host-env K=V,K=V</c> sets variables for KS Query only (ablations, e.g. <c>DOTNET_GCgen0size=...</c>);
/// <c>--blocks 30000</c> the larger ledger. Runs by hand; nothing in the tests depends on it.
/// </summary>
internal static class MemoryBench
{
    public static async Task<int> RunAsync(BenchOptions options, string[] args)
    {
        var report = new Report();
        var extra = HostEnvironment(args);
        Console.WriteLine($"KS Query memory and start benchmark: ledger {options.Blocks} blocks, {options.Seconds}s per load" +
            (extra.Count == 0 ? "" : ", " + string.Join(" ", extra.Select(e => $"{e.Key}={e.Value}"))));
        Console.WriteLine($"  load average at start: {SecurityBench.LoadAverage()}");
        var data = Directory.CreateTempSubdirectory("ksq-bench-memory-").FullName;
        var environment = new Dictionary<string, string>(extra)
        {
            ["KSQUERY_DATA"] = data,
            ["Plugins__kalp__Blocks"] = options.Blocks.ToString(CultureInfo.InvariantCulture),
        };
        var ksq = ServiceProcess.Start(options.HostDll, environment);
        try
        {
            var firstStart = await ksq.WaitUntilServingAsync("/health", TimeSpan.FromSeconds(120));
            report.Check("first start to /health, empty data directory", $"{firstStart.TotalSeconds:F2} s (ledger of {options.Blocks} blocks generated)",
                true, "information");
            report.Check("resident memory idle after the first start", Memory(ksq.Pid), true, "information");

            var setup = new Setup(ksq.Url);
            await setup.LogInAsync();
            // The default run creates 18 keys: each is an Argon2id hash with a 19 MiB block.
            for (var i = 0; i < 17; i++)
                await setup.CreateKeyAsync($"memory-{i}");
            var (_, valid, _) = await setup.CreateKeyAsync("memory-valid");
            var badKeys = KeyForge.BadKeys();
            var network = await LoadTools.WrkAsync(ksq.Url + "/v1/kalp/testnet/network", Lua.Header(valid), options.Connections, options.Seconds);
            var blocks = await LoadTools.WrkAsync(ksq.Url + "/", Lua.RandomPaths("/v1/kalp/testnet/blocks/", options.Blocks, valid), options.Connections, options.Seconds);
            var refused = await LoadTools.WrkAsync(ksq.Url + "/", Lua.RotatingKeys("/v1/kalp/testnet/network", badKeys), options.Connections, options.Seconds);
            await LoadTools.ApacheBenchAsync(ksq.Url + "/v1/kalp/testnet/network", valid, 20_000, options.Connections);
            Console.WriteLine($"  load: network {network.RequestsPerSecond:F0} req/s, random blocks {blocks.RequestsPerSecond:F0} req/s ({blocks.Non2xx} non-2xx), " +
                $"bad keys {refused.RequestsPerSecond:F0} req/s (information only: no baseline beside them)");
            var target = options.Blocks <= 3000 ? 150 : 300;
            var rss = ksq.ResidentBytes();
            report.Check("4. resident memory after the load", Memory(ksq.Pid), rss <= target * 1024L * 1024, $"<= {target} MB");
            // The same 5 s later: whether the heap the load grew is given back when the service is quiet (a single reading
            // right after the load varies by tens of MB with where the collector stands).
            await Task.Delay(TimeSpan.FromSeconds(5));
            report.Check("resident memory 5 s after the load", Memory(ksq.Pid), true, "information");

            var startups = new List<double>();
            var idle = new List<string>();
            var idleMb = new List<double>();
            for (var restart = 0; restart < 3; restart++)
            {
                await ksq.DisposeAsync();
                ksq = ServiceProcess.Start(options.HostDll, environment);
                startups.Add((await ksq.WaitUntilServingAsync("/v1/kalp/testnet/network", TimeSpan.FromSeconds(60), valid)).TotalSeconds);
                idle.Add(Memory(ksq.Pid));
                idleMb.Add(ksq.ResidentBytes() / 1024 / 1024);
            }
            var startup = MedianOf(startups);
            report.Check("5. start to first keyed 200, existing data directory",
                $"{startup:F2} s (restarts: {string.Join(", ", startups.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))} s)", startup <= 0.5, "<= 0.5 s");
            report.Check("resident memory at the first keyed 200 after each restart", string.Join("; ", idle), true, "information");

            if (FloorDll(args) is { } floorDll)
            {
                await ksq.DisposeAsync();
                ksq = null;
                var (floorStart, floorMb) = await StackFloorBench.RunAsync(floorDll, report);
                report.Check("what KS Query adds to the stack's floor at its first keyed 200",
                    $"start {startup - floorStart:+0.00;-0.00} s ({startup / floorStart:F2}x), memory {MedianOf(idleMb) - floorMb:+0;-0} MB", true, "information");
            }
        }
        finally
        {
            await Cleanup.StopAsync(data, ksq);
        }
        return report.Print();
    }

    /// <summary><c>--floor DLL</c>: the published bench/StackFloor (bench/run passes it with <c>--memory</c>).</summary>
    private static string? FloorDll(string[] args) =>
        Array.IndexOf(args, "--floor") is var index and >= 0 && index + 1 < args.Length ? Path.GetFullPath(args[index + 1]) : null;

    /// <summary><c>--host-env K=V,K=V</c>: settings for the KS Query process only (an ablation: the baseline is unchanged).</summary>
    internal static Dictionary<string, string> HostEnvironment(string[] args, string option = "--host-env")
    {
        var index = Array.IndexOf(args, option);
        if (index < 0 || index + 1 >= args.Length)
            return [];
        return args[index + 1].Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : "");
    }

    /// <summary>Resident memory and its parts: anonymous (heaps, JIT output), file-backed (mapped assemblies), shared
    /// (the runtime's double-mapped executable memory).</summary>
    private static string Memory(int pid)
    {
        var fields = File.ReadLines($"/proc/{pid}/status")
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2 && (p[0].StartsWith("Rss", StringComparison.Ordinal) || p[0] == "VmRSS"))
            .ToDictionary(p => p[0], p => long.Parse(p[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024);
        return $"{fields["VmRSS"]} MB (anonymous {fields["RssAnon"]}, file {fields["RssFile"]}, shared {fields["RssShmem"]})";
    }
}
