using System.Collections.Concurrent;
using System.Text.Json;
using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.Evm;

namespace Evm.Tests;

/// <summary>Starts the Ethereum (or Binance) plugin the way the host does, with the given settings, and calls it.</summary>
internal sealed class PluginHarness : IAsyncDisposable
{
    private PluginHarness(EvmPlugin plugin, ConcurrentQueue<string> log, string network)
    {
        Plugin = plugin;
        Log = log;
        Network = network;
    }

    public EvmPlugin Plugin { get; }

    public ConcurrentQueue<string> Log { get; }

    public string Network { get; }

    /// <summary>Ethereum with sepolia pointed at <paramref name="url"/>; retries off and a short timeout unless set.</summary>
    public static Task<PluginHarness> SepoliaAsync(string url, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Networks:sepolia:RpcUrl"] = url,
            ["RetryCount"] = "0",
            ["TimeoutSeconds"] = "5",
        };
        foreach (var (key, value) in extra)
            settings[key] = value;
        return StartAsync(new EthereumPlugin(), settings, "sepolia");
    }

    public static async Task<PluginHarness> StartAsync(EvmPlugin plugin, Dictionary<string, string?> settings, string network)
    {
        var log = new ConcurrentQueue<string>();
        await plugin.StartAsync(new PluginContext(Path.GetTempPath(), settings, TimeProvider.System, (level, line) => log.Enqueue($"{level}: {line}")), CancellationToken.None);
        return new PluginHarness(plugin, log, network);
    }

    public async Task<ApiResult> CallAsync(string apiId, Dictionary<string, string>? parameters = null, string? body = null)
    {
        JsonElement? json = body is null ? null : JsonDocument.Parse(body).RootElement.Clone();
        return await Plugin.ExecuteAsync(new ApiCall(Network, apiId, parameters ?? [], json), CancellationToken.None);
    }

    /// <summary>Calls an API that must succeed and returns its JSON.</summary>
    public async Task<JsonElement> GetAsync(string apiId, Dictionary<string, string>? parameters = null, string? body = null)
    {
        var result = await CallAsync(apiId, parameters, body);
        if (result.Error is { } error)
            throw new InvalidOperationException($"{apiId} failed: {error.Status} {error.Code} {error.Detail}");
        return JsonSerializer.SerializeToElement(result.Value, result.TypeInfo!);
    }

    public ValueTask DisposeAsync() => Plugin.DisposeAsync();
}
