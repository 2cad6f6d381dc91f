using System.Text.Json.Serialization;
using KsQuery.Plugins.Abstractions;
using EvmChain;

[assembly: ChainPlugin(typeof(PolygonPlugin))]
[assembly: ChainPlugin(typeof(AvalanchePlugin))]

namespace EvmChain;

/// <summary>A plugin for tests shaped like the EVM plugin: one assembly serving two chains, each network available only
/// when its upstream URL is configured (<c>Plugins:&lt;chain&gt;:Networks:&lt;network&gt;:Url</c>). Its chains are not
/// ethereum and binance, which the built-in EVM plugin serves (a second plugin with the same ids would be refused).</summary>
public sealed class PolygonPlugin() : EvmPlugin("polygon", "Polygon", ("mainnet", "Mainnet", false), ("amoy", "Amoy", true));

public sealed class AvalanchePlugin() : EvmPlugin("avalanche", "Avalanche", ("mainnet", "C-Chain Mainnet", false), ("fuji", "Fuji Testnet", true));

public abstract class EvmPlugin : IChainPlugin
{
    private readonly HashSet<string> _configured = new(StringComparer.Ordinal);

    protected EvmPlugin(string id, string name, params (string Id, string Name, bool IsTest)[] networks) =>
        Descriptor = new ChainDescriptor(id, name, PluginContract.Version,
            [.. networks.Select(n => new NetworkDescriptor(n.Id, n.Name, n.IsTest,
                [new ApiDescriptor("height", "Height", "Blocks", ApiMethod.Get, "height", "The latest block number", [])]))])
        { ContractMinorVersion = PluginContract.MinorVersion };

    public ChainDescriptor Descriptor { get; }

    public ValueTask StartAsync(PluginContext context, CancellationToken cancellationToken)
    {
        foreach (var network in Descriptor.Networks)
            if (context.Setting($"Networks:{network.Id}:Url") is not null)
                _configured.Add(network.Id);
        return ValueTask.CompletedTask;
    }

    public bool IsNetworkAvailable(string networkId) => _configured.Contains(networkId);

    public ValueTask<ApiResult> ExecuteAsync(ApiCall call, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ApiResult.Ok(new Height(call.NetworkId, 7), EvmJson.Default.Height));

    public ValueTask<PluginHealth> CheckHealthAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(PluginHealth.Ok($"{_configured.Count} network(s) configured"));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

public sealed record Height(string Network, long Number);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Height))]
internal sealed partial class EvmJson : JsonSerializerContext;
