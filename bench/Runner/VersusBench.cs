using System.Globalization;

namespace Bench.Runner;

/// <summary>
/// <c>bench/run --versus REV</c>: this checkout's KS Query against the one built from git revision REV, two processes side
/// by side, each on a data directory of its own with a cached key: the keyed <c>GET /v1/kalp/testnet/network</c> and the
/// bad-key call (scenarios 1 and 3 of the default run, same scripts; <c>--scenarios 1</c> for one of them). Rounds
/// alternate which build goes first (ABBA); each figure is the median of the rounds' this/REV ratios. It tells what a
/// change (or a range of commits) did to the keyed path, without the noise of comparing two separate runs against a
/// baseline. <c>--host-env K=V,...</c> goes to both processes, <c>--versus-env K=V,...</c> to REV's only:
/// <c>--versus HEAD --versus-env Logging__Format=text</c> measures a setting.
/// </summary>
internal static class VersusBench
{
    private const string Path = "/v1/kalp/testnet/network";

    public static async Task<int> RunAsync(BenchOptions options, string versusDll, string revision, string[] args)
    {
        var report = new Report();
        Console.WriteLine($"KS Query versus {revision}: {options.Rounds} rounds x {options.Seconds}s, -c{options.Connections}, keyed GET {Path} and bad keys");
        Console.WriteLine($"  load average at start: {SecurityBench.LoadAverage()}");
        ServiceProcess? current = null;
        ServiceProcess? other = null;
        try
        {
            (current, var currentKey) = await StartAsync(options.HostDll, options, MemoryBench.HostEnvironment(args));
            var otherEnvironment = MemoryBench.HostEnvironment(args);
            foreach (var (name, value) in MemoryBench.HostEnvironment(args, "--versus-env"))
            {
                otherEnvironment[name] = value;
                Console.WriteLine($"  {revision} only: {name}={value}");
            }
            (other, var otherKey) = await StartAsync(versusDll, options, otherEnvironment);
            var badKeys = KeyForge.BadKeys();
            var badScript = Lua.RotatingKeys(Path, badKeys);

            Console.WriteLine($"  warming up ({options.Warmup}s per path)");
            foreach (var (service, key) in new[] { (current, currentKey), (other, otherKey) })
            {
                await LoadTools.WrkAsync(service.Url + Path, Lua.Header(key), options.Connections, options.Warmup);
                await LoadTools.WrkAsync(service.Url + "/", badScript, options.Connections, options.Warmup);
            }

            async Task Compare(string name, string path, string currentScript, string otherScript)
            {
                var (others, currents, ratio) = await PairedRounds.CompareAsync(name, options.Rounds,
                    () => LoadTools.WrkAsync(other!.Url + path, otherScript, options.Connections, options.Seconds),
                    () => LoadTools.WrkAsync(current!.Url + path, currentScript, options.Connections, options.Seconds),
                    (revision, "this checkout"));
                report.Check($"V. {name}, this checkout vs {revision}",
                    $"{currents.RequestsPerSecond:F0} vs {others.RequestsPerSecond:F0} req/s, ratio {ratio:F2} " +
                    $"(p99 {currents.P99Ms:F2} vs {others.P99Ms:F2} ms)", true, "information");
            }

            if (options.Runs(1))
                await Compare("keyed GET /network", Path, Lua.Header(currentKey), Lua.Header(otherKey));
            if (options.Runs(3))
                await Compare("bad keys", "/", badScript, badScript);
        }
        finally
        {
            if (current is not null)
                await current.DisposeAsync();
            if (other is not null)
                await other.DisposeAsync();
        }
        Console.WriteLine($"  load average at end: {SecurityBench.LoadAverage()}");
        return report.Print();
    }

    private static async Task<(ServiceProcess Service, string Key)> StartAsync(string hostDll, BenchOptions options, Dictionary<string, string> settings)
    {
        var data = Directory.CreateTempSubdirectory("ksq-bench-versus-").FullName;
        var environment = new Dictionary<string, string>(settings)
        {
            ["KSQUERY_DATA"] = data,
            ["Plugins__kalp__Blocks"] = options.Blocks.ToString(CultureInfo.InvariantCulture),
        };
        var service = ServiceProcess.Start(hostDll, environment);
        await service.WaitUntilServingAsync("/health", TimeSpan.FromSeconds(120));
        var setup = new Setup(service.Url);
        await setup.LogInAsync();
        var (_, key, _) = await setup.CreateKeyAsync("bench-versus");
        return (service, key);
    }
}
