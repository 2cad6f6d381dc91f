using System.Diagnostics;
using System.Reflection;
using System.Runtime;
using System.Runtime.CompilerServices;
using System.Text.Json;
using KsQuery.Plugins.Abstractions;

namespace Bench.PluginContexts;

/// <summary>One measured process: what the host does with a plugin from discovery to its first answers. Load the
/// assembly into its own context, read its [ChainPlugin] markers, construct the plugin (its descriptor), StartAsync
/// on a fresh data directory (the KALP plugin generates its ledger and collects its examples), then every API of every
/// network once with its example and the answer serialized as the host writes it.</summary>
internal static class Workload
{
    public static async Task<Measurement> RunAsync(string pluginPath, bool collectible, long blocks, int passes)
    {
        var data = Directory.CreateTempSubdirectory("ksq-alc-").FullName;
        try
        {
            var (measurement, context) = await MeasureAsync(pluginPath, collectible, blocks, passes, data);
            return collectible ? measurement with { GcsToUnload = Unload(context) } : measurement;
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<(Measurement, WeakReference)> MeasureAsync(string pluginPath, bool collectible, long blocks, int passes, string data)
    {
        var jitted = JitInfo.GetCompiledMethodCount();
        var jitTime = JitInfo.GetCompilationTime();
        var clock = Stopwatch.StartNew();
        var context = new PluginLoadContext(pluginPath, collectible);
        var markers = context.LoadFromAssemblyPath(pluginPath).GetCustomAttributes<ChainPluginAttribute>().ToList();
        if (markers.Count != 1)
            throw new InvalidOperationException($"expected one [ChainPlugin] in {pluginPath}, found {markers.Count}");
        var plugin = (IChainPlugin)Activator.CreateInstance(markers[0].PluginType)!;
        var descriptor = plugin.Descriptor;
        var loaded = clock.Elapsed;

        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["Blocks"] = blocks.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        await plugin.StartAsync(new PluginContext(data, settings, TimeProvider.System, (_, _) => { }), CancellationToken.None);
        var started = clock.Elapsed;

        var calls = descriptor.Networks
            .SelectMany(network => network.Apis.Select(api => Call(network.Id, api, plugin.GetExamples(network.Id).GetValueOrDefault(api.Id))))
            .OfType<ApiCall>()
            .ToList();
        var succeeded = await PassAsync(plugin, calls);
        var called = clock.Elapsed;
        var measurement = new Measurement(collectible, loaded.TotalMilliseconds, (started - loaded).TotalMilliseconds,
            (called - started).TotalMilliseconds, called.TotalMilliseconds, calls.Count, succeeded)
        {
            ProcessToAnswerMs = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds,
            JittedMethods = JitInfo.GetCompiledMethodCount() - jitted,
            JitMs = (JitInfo.GetCompilationTime() - jitTime).TotalMilliseconds,
            ProcessJittedMethods = JitInfo.GetCompiledMethodCount(),
        };

        // steady state: passes untimed until tiering has settled (a full second without a new JIT compilation; the
        // background tier-1 queue is long after start), then the timed ones
        var quiet = Stopwatch.StartNew();
        for (var compiled = JitInfo.GetCompiledMethodCount(); quiet.Elapsed < TimeSpan.FromSeconds(1);)
        {
            await PassAsync(plugin, calls);
            if (JitInfo.GetCompiledMethodCount() is var now && now != compiled)
                (compiled, quiet) = (now, Stopwatch.StartNew());
        }
        var steady = Stopwatch.StartNew();
        for (var i = 0; i < passes; i++)
            await PassAsync(plugin, calls);
        measurement = measurement with { SteadyCallMicroseconds = steady.Elapsed.TotalMicroseconds / Math.Max(1, passes * calls.Count) };
        await plugin.DisposeAsync();

        var weak = new WeakReference(context);
        // hoisted locals live in the state machine: drop every reference to the plugin's types before it can unload
        plugin = null!;
        markers = null!;
        descriptor = null!;
        context = null!;
        return (measurement, weak);
    }

    /// <summary>Every call once, each 200 answer serialized as the host writes it; returns how many answered 200.</summary>
    private static async Task<int> PassAsync(IChainPlugin plugin, List<ApiCall> calls)
    {
        var succeeded = 0;
        foreach (var call in calls)
        {
            var result = await plugin.ExecuteAsync(call, CancellationToken.None);
            if (result.Error is null && result.TypeInfo is not null && JsonSerializer.SerializeToUtf8Bytes(result.Value, result.TypeInfo).Length > 0)
                succeeded++;
        }
        return succeeded;
    }

    /// <summary>The call the host would make for the API's example: its parameters, the declared defaults of absent
    /// optional ones, its body; null when a required parameter has no example value.</summary>
    private static ApiCall? Call(string networkId, ApiDescriptor api, ApiExample? example)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in api.Parameters)
        {
            if (example?.Parameters.GetValueOrDefault(parameter.Name) is { } value)
                parameters[parameter.Name] = value;
            else if (parameter.Required || parameter.In == ParameterLocation.Path)
                return null;
            else if (parameter.Default is not null)
                parameters[parameter.Name] = parameter.Default;
        }
        JsonElement? body = (example?.Body ?? api.Body?.Example) is { } json ? JsonDocument.Parse(json).RootElement.Clone() : null;
        return new ApiCall(networkId, api.Id, parameters, body);
    }

    /// <summary>Unloads the context; the number of full collections until it is gone, or -1 if it stays alive
    /// (something still references the plugin's types).</summary>
    private static int Unload(WeakReference context)
    {
        StartUnload(context);
        for (var i = 1; i <= 20; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            if (!context.IsAlive)
                return i;
        }
        return -1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void StartUnload(WeakReference context) => ((PluginLoadContext?)context.Target)?.Unload();
}

/// <summary>What one process measured; times in milliseconds since the context was created.</summary>
internal sealed record Measurement(
    bool Collectible,
    double LoadMs,
    double StartMs,
    double CallsMs,
    double TotalMs,
    int Calls,
    int Succeeded)
{
    /// <summary>From the process's start to the last first answer.</summary>
    public double ProcessToAnswerMs { get; init; }
    /// <summary>After start: one ExecuteAsync plus serialization, averaged over the timed steady-state passes.</summary>
    public double SteadyCallMicroseconds { get; init; }
    /// <summary>Methods JIT-compiled from load to the last first answer (every tier, recompilations included).</summary>
    public long JittedMethods { get; init; }
    /// <summary>Time the runtime spent JIT-compiling from load to the last first answer.</summary>
    public double JitMs { get; init; }
    /// <summary>Methods JIT-compiled by the whole process up to the last first answer.</summary>
    public long ProcessJittedMethods { get; init; }
    /// <summary>Collectible only: full collections until the unloaded context was gone; -1 if it stayed alive.</summary>
    public int GcsToUnload { get; init; }
}
