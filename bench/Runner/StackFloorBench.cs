using System.Globalization;
using static Bench.Runner.Stats;

namespace Bench.Runner;

/// <summary>
/// Part of <c>bench/run --memory</c> (issue 20, targets 4 and 5): the floor of KS Query's stack (bench/StackFloor), layer
/// by layer, each started three times on an existing data directory like KS Query's restarts, timed to its first 200, with
/// its resident memory then. What KS Query adds to start and memory is the difference to the last layer; a target below the
/// floor cannot be met by KS Query's own code.
/// </summary>
internal static class StackFloorBench
{
    private static readonly (string Stage, string Layer)[] Layers =
    [
        ("", "bare Kestrel (slim builder)"),
        ("F", "+ WebApplication.CreateBuilder"),
        ("FO", "+ OpenTelemetry metrics, /metrics"),
        ("FOW", "+ Wolverine (static code)"),
        ("FOWL", "+ a LiteDB file read"),
        ("FOWLA", "+ one Argon2id hash on the first call"),
    ];

    /// <summary>Measures every layer; returns the last one's median start in seconds and its resident memory in MB.</summary>
    public static async Task<(double StartSeconds, double ResidentMb)> RunAsync(string floorDll, Report report)
    {
        (double StartSeconds, double ResidentMb) floor = default;
        foreach (var (stage, layer) in Layers)
        {
            var data = Directory.CreateTempSubdirectory("ksq-bench-floor-").FullName;
            var environment = new Dictionary<string, string> { ["FLOOR_STAGE"] = stage, ["FLOOR_DATA"] = data };
            var starts = new List<double>();
            var memory = new List<double>();
            try
            {
                // An untimed first start creates the data file; the three timed ones open it, as KS Query's restarts do.
                for (var start = 0; start < 4; start++)
                {
                    await using var process = ServiceProcess.Start(floorDll, environment);
                    var elapsed = await process.WaitUntilServingAsync("/network", TimeSpan.FromSeconds(30));
                    if (start == 0)
                        continue;
                    starts.Add(elapsed.TotalSeconds);
                    memory.Add(process.ResidentBytes() / 1024 / 1024);
                }
            }
            finally
            {
                try { Directory.Delete(data, recursive: true); } catch (IOException) { }
            }
            floor = (MedianOf(starts), MedianOf(memory));
            report.Check($"floor {(stage.Length == 0 ? "-" : stage)}: {layer}",
                $"{floor.StartSeconds:F2} s (starts: {string.Join(", ", starts.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))} s), {floor.ResidentMb:F0} MB",
                true, "information");
        }
        return floor;
    }
}
