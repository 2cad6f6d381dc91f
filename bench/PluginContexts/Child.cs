using System.Text.Json;

namespace Bench.PluginContexts;

/// <summary>One measured process: runs the workload once and prints its measurement as one JSON line.</summary>
internal static class Child
{
    /// <summary>The plugin's own code and its biggest dependency; "" counts every method of the process.</summary>
    public static readonly string[] Namespaces = ["KsQuery.Plugins.KalpDlt", "LiteDB", ""];

    public static async Task<int> RunAsync(Options options, bool collectible)
    {
        using var events = options.Diagnose ? new RuntimeEvents(Namespaces) : null;
        var measurement = await Workload.RunAsync(options.Plugin, collectible, options.Blocks, options.Passes);
        Console.WriteLine("RESULT " + JsonSerializer.Serialize(measurement));
        if (events is not null)
            foreach (var (prefix, counts) in events.Settle())
                foreach (var (kind, count) in counts)
                    Console.WriteLine($"EVENTS\t{prefix}\t{kind}\t{count}");
        return 0;
    }
}
