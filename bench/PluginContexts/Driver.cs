using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Bench.PluginContexts;

/// <summary>Paired rounds, each measurement in a fresh process, the order alternating between rounds; prints the
/// plugin folder's ReadyToRun status, the runtime's account of precompiled vs JIT'd methods (one untimed process per
/// context), then medians and the ratio collectible / non-collectible.</summary>
internal static class Driver
{
    public static async Task<int> RunAsync(Options options)
    {
        Console.WriteLine($"Plugin load contexts: {options.Plugin}");
        Console.WriteLine($"ledger {options.Blocks} blocks, {options.Rounds} paired rounds, one fresh process per measurement, " +
            $"{Environment.ProcessorCount} cores, load average {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("Assemblies of the plugin folder (PE CLI header: ManagedNativeHeader + IL_LIBRARY = ReadyToRun):");
        foreach (var line in ReadyToRunCheck.Describe(options.Plugin))
            Console.WriteLine("  " + line);

        Console.WriteLine();
        Console.WriteLine("Runtime events, one untimed process per context (method code versions by origin; JIT tiers from MethodLoadVerbose):");
        var nonCollectibleEvents = (await RunChildAsync(options, false, diagnose: true)).Events;
        var collectibleEvents = (await RunChildAsync(options, true, diagnose: true)).Events;
        Console.WriteLine($"  {"namespace",-26} {"kind",-22} {"non-collectible",16} {"collectible",12}");
        foreach (var prefix in Child.Namespaces)
        {
            var kinds = nonCollectibleEvents.Keys.Concat(collectibleEvents.Keys).Where(k => k.Prefix == prefix).Select(k => k.Kind).Distinct().Order(StringComparer.Ordinal);
            foreach (var kind in kinds)
                Console.WriteLine($"  {(prefix.Length == 0 ? "(every method)" : prefix),-26} {kind,-22} " +
                    $"{nonCollectibleEvents.GetValueOrDefault((prefix, kind)),16} {collectibleEvents.GetValueOrDefault((prefix, kind)),12}");
        }

        Console.WriteLine();
        var nonCollectible = new List<Measurement>();
        var collectible = new List<Measurement>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            // alternate which context goes first, so a trend on the shared machine does not favour one side
            foreach (var isCollectible in round % 2 == 1 ? [false, true] : new[] { true, false })
                (isCollectible ? collectible : nonCollectible).Add((await RunChildAsync(options, isCollectible, diagnose: false)).Measurement);
            var (n, c) = (nonCollectible[^1], collectible[^1]);
            Console.WriteLine($"  round {round}: non-collectible vs collectible: load {n.LoadMs,4:F0} vs {c.LoadMs,5:F0} ms, " +
                $"load to last answer {n.TotalMs,5:F0} vs {c.TotalMs,5:F0} ms, JIT time {n.JitMs,5:F0} vs {c.JitMs,5:F0} ms");
        }

        var calls = nonCollectible[0];
        Console.WriteLine();
        Console.WriteLine($"Medians of {options.Rounds} rounds (first calls: {calls.Calls} APIs, {calls.Succeeded} answered 200):");
        Console.WriteLine($"  {"",-44} {"non-collectible",16} {"collectible",12} {"ratio",7}  (median of the rounds' collectible / non-collectible)");
        Row("load + construct (ms)", m => m.LoadMs);
        Row("StartAsync, fresh data directory (ms)", m => m.StartMs);
        Row($"first calls, every API once (ms)", m => m.CallsMs);
        Row("total: load to last answer (ms)", m => m.TotalMs);
        Row("process start to last first answer (ms)", m => m.ProcessToAnswerMs);
        Row("methods JIT-compiled, load to last answer", m => m.JittedMethods);
        Row("JIT time, load to last answer (ms)", m => m.JitMs);
        Row("methods JIT-compiled by the process", m => m.ProcessJittedMethods);
        Row($"steady state: one call, {options.Passes} passes (us)", m => m.SteadyCallMicroseconds, "F1");
        var unloads = collectible.Select(m => m.GcsToUnload).ToList();
        Console.WriteLine(unloads.All(g => g > 0)
            ? $"Collectible context unloaded after DisposeAsync in every round ({unloads.Min()}-{unloads.Max()} full collections)."
            : $"Collectible context NOT unloaded in {unloads.Count(g => g < 0)} of {unloads.Count} rounds (something kept the plugin's types alive).");
        return 0;

        void Row(string label, Func<Measurement, double> metric, string format = "F0")
        {
            var a = Median(nonCollectible.Select(metric));
            var b = Median(collectible.Select(metric));
            // the ratio is the median of the rounds' paired ratios, as in bench/run: the machine's speed drifts
            var ratios = nonCollectible.Zip(collectible, (n, c) => metric(n) > 0 ? metric(c) / metric(n) : double.NaN).ToList();
            var ratio = ratios.Any(double.IsNaN) ? "-" : Median(ratios).ToString("F2", CultureInfo.InvariantCulture);
            Console.WriteLine($"  {label,-44} {a.ToString(format, CultureInfo.InvariantCulture),16} {b.ToString(format, CultureInfo.InvariantCulture),12} {ratio,7}");
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static async Task<(Measurement Measurement, Dictionary<(string Prefix, string Kind), int> Events)> RunChildAsync(Options options, bool collectible, bool diagnose)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { typeof(Driver).Assembly.Location, "--child", collectible ? "collectible" : "default",
                     "--plugin", options.Plugin, "--blocks", options.Blocks.ToString(CultureInfo.InvariantCulture),
                     "--passes", options.Passes.ToString(CultureInfo.InvariantCulture) })
            info.ArgumentList.Add(arg);
        if (diagnose)
            info.ArgumentList.Add("--diagnose");
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start a measured process");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = lines.FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        if (process.ExitCode != 0 || result is null)
            throw new InvalidOperationException($"the measured process failed ({process.ExitCode}): {await stderr}");
        var measurement = JsonSerializer.Deserialize<Measurement>(result["RESULT ".Length..])!;
        var events = new Dictionary<(string, string), int>();
        foreach (var line in (await stdout).Split('\n').Where(l => l.StartsWith("EVENTS\t", StringComparison.Ordinal)))
        {
            var parts = line.TrimEnd('\r').Split('\t');
            events[(parts[1], parts[2])] = int.Parse(parts[3], CultureInfo.InvariantCulture);
        }
        return (measurement, events);
    }
}
