using System.Collections.Concurrent;
using System.Text.Json;
using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.KalpDlt;
using KsQuery.Plugins.KalpDlt.Ledger;

namespace KalpDlt.Tests;

/// <summary>Starts the plugin on a directory the way the host does, and calls its APIs.</summary>
internal sealed class PluginHarness : IAsyncDisposable
{
    private PluginHarness(KalpDltPlugin plugin, ConcurrentQueue<string> log)
    {
        Plugin = plugin;
        Log = log;
    }

    public KalpDltPlugin Plugin { get; }

    public ConcurrentQueue<string> Log { get; }

    public LocalLedger Ledger => Plugin.TestNet!.Ledger;

    public static async Task<PluginHarness> StartAsync(string directory, long? blocks = null, long? seed = null, int? intervalSeconds = null, TimeProvider? time = null)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (blocks is not null)
        {
            settings["Blocks"] = blocks.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (seed is not null)
        {
            settings["Seed"] = seed.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (intervalSeconds is not null)
        {
            settings["BlockIntervalSeconds"] = intervalSeconds.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return await StartAsync(directory, settings, time);
    }

    public static async Task<PluginHarness> StartAsync(string directory, Dictionary<string, string?> settings, TimeProvider? time = null)
    {
        var log = new ConcurrentQueue<string>();
        var plugin = new KalpDltPlugin();
        await plugin.StartAsync(new PluginContext(directory, settings, time ?? TimeProvider.System, (level, line) => log.Enqueue($"{level}: {line}")), CancellationToken.None);
        return new PluginHarness(plugin, log);
    }

    public async Task<ApiResult> CallAsync(string apiId, object? parameters = null, string? body = null)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (parameters is not null)
        {
            foreach (var property in parameters.GetType().GetProperties())
            {
                if (property.GetValue(parameters) is { } value)
                {
                    values[property.Name] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!;
                }
            }
        }
        JsonElement? json = body is null ? null : JsonDocument.Parse(body).RootElement.Clone();
        return await Plugin.ExecuteAsync(new ApiCall("testnet", apiId, values, json), CancellationToken.None);
    }

    /// <summary>Calls an API that must succeed and returns its JSON.</summary>
    public async Task<JsonElement> GetAsync(string apiId, object? parameters = null, string? body = null)
    {
        var result = await CallAsync(apiId, parameters, body);
        if (result.Error is { } error)
        {
            throw new InvalidOperationException($"{apiId} failed: {error.Status} {error.Code} {error.Detail}");
        }
        return JsonSerializer.SerializeToElement(result.Value, result.TypeInfo!);
    }

    /// <summary>Every item of a paged list, following pages of 100.</summary>
    public async Task<List<JsonElement>> GetAllAsync(string apiId, Func<int, object> parameters)
    {
        var items = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var json = await GetAsync(apiId, parameters(page));
            var batch = json.GetProperty("items").EnumerateArray().ToList();
            items.AddRange(batch);
            if (batch.Count == 0 || items.Count >= json.GetProperty("total").GetInt64())
            {
                return items;
            }
        }
    }

    public ValueTask DisposeAsync() => Plugin.DisposeAsync();
}
