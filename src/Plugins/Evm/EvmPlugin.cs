using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.Evm;
using KsQuery.Plugins.Evm.Apis;
using KsQuery.Plugins.Evm.Catalog;
using KsQuery.Plugins.Evm.Gateway;

[assembly: ChainPlugin(typeof(EthereumPlugin))]
[assembly: ChainPlugin(typeof(BinancePlugin))]

namespace KsQuery.Plugins.Evm;

/// <summary>Chain <c>ethereum</c>: networks mainnet (chain id 1) and sepolia (11155111).</summary>
public sealed class EthereumPlugin() : EvmPlugin(EvmChain.Ethereum);

/// <summary>Chain <c>binance</c> (BNB Smart Chain): networks mainnet (chain id 56) and testnet (97).</summary>
public sealed class BinancePlugin() : EvmPlugin(EvmChain.Binance);

/// <summary>An EVM chain served through upstream JSON-RPC nodes, one per network
/// (<c>Plugins:&lt;chain&gt;:Networks:&lt;network&gt;:RpcUrl</c>). A network without an upstream, or whose upstream
/// answered the wrong chain id (or nothing) at start, is listed as coming soon.</summary>
public abstract class EvmPlugin : IChainPlugin
{
    private readonly EvmChain _chain;
    private Dictionary<string, NetworkUpstream> _upstreams = new(StringComparer.OrdinalIgnoreCase);
    private EvmApiExecutor? _executor;

    private protected EvmPlugin(EvmChain chain)
    {
        _chain = chain;
        Descriptor = EvmCatalog.Create(chain);
    }

    public ChainDescriptor Descriptor { get; }

    public async ValueTask StartAsync(PluginContext context, CancellationToken cancellationToken)
    {
        if (_executor is not null)
            throw new InvalidOperationException($"The {_chain.Name} plugin is already started.");
        var settings = EvmSettings.From(context, _chain);
        var upstreams = new Dictionary<string, NetworkUpstream>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (var (networkId, upstream) in settings.Upstreams)
                upstreams[networkId] = NetworkUpstream.Create(settings, upstream, _chain.Id, context);
            // Checked side by side: a slow upstream delays the start by one timeout, not one per network.
            await Task.WhenAll(upstreams.Values.Select(u => u.CheckChainIdAsync(context, cancellationToken)));
        }
        catch
        {
            foreach (var upstream in upstreams.Values)
                upstream.Dispose();
            throw;
        }
        foreach (var network in _chain.Networks.Where(n => !upstreams.ContainsKey(n.Id)))
            context.Log(PluginLogLevel.Information, $"{_chain.Id}/{network.Id}: {NotConfigured(network.Id)} (listed as coming soon).");
        _upstreams = upstreams;
        _executor = new EvmApiExecutor(_chain, upstreams, settings.MaxLogBlockRange);
    }

    public bool IsNetworkAvailable(string networkId) =>
        _upstreams.TryGetValue(networkId, out var upstream) && upstream.IsAvailable;

    public ValueTask<ApiResult> ExecuteAsync(ApiCall call, CancellationToken cancellationToken) =>
        _executor is { } executor
            ? executor.ExecuteAsync(call, cancellationToken)
            : ValueTask.FromResult(ApiResult.Fail(RpcErrors.Unavailable($"The {_chain.Name} plugin is not started.")));

    /// <summary>Health of one network from what the plugin already knows (start check, circuit, last failure): it never
    /// calls the upstream.</summary>
    public ValueTask<PluginHealth> CheckNetworkHealthAsync(string networkId, CancellationToken cancellationToken)
    {
        if (_chain.Network(networkId) is not { } network)
            return ValueTask.FromResult(PluginHealth.Failing($"no network '{EvmCatalogText.Shorten(networkId)}'"));
        return ValueTask.FromResult(_upstreams.TryGetValue(network.Id, out var upstream)
            ? upstream.Health()
            : PluginHealth.Ok(NotConfigured(network.Id)));
    }

    /// <summary>Healthy when every configured network is; the detail names each network's state.</summary>
    public ValueTask<PluginHealth> CheckHealthAsync(CancellationToken cancellationToken)
    {
        if (_executor is null)
            return ValueTask.FromResult(PluginHealth.Failing("not started"));
        var reports = _chain.Networks
            .Select(n => (n.Id, Health: _upstreams.TryGetValue(n.Id, out var u) ? u.Health() : PluginHealth.Ok(NotConfigured(n.Id))))
            .ToList();
        var detail = string.Join("; ", reports.Select(r => $"{r.Id}: {r.Health.Detail}"));
        return ValueTask.FromResult(reports.All(r => r.Health.Healthy) ? PluginHealth.Ok(detail) : PluginHealth.Failing(detail));
    }

    /// <summary>The same examples whatever is configured, so the OpenAPI document does not depend on configuration.</summary>
    public IReadOnlyDictionary<string, ApiExample> GetExamples(string networkId) => EvmApiExamples.All;

    public ValueTask DisposeAsync()
    {
        var upstreams = Interlocked.Exchange(ref _upstreams, new Dictionary<string, NetworkUpstream>(StringComparer.OrdinalIgnoreCase));
        _executor = null;
        foreach (var upstream in upstreams.Values)
            upstream.Dispose();
        return ValueTask.CompletedTask;
    }

    private string NotConfigured(string networkId) => $"not configured: set Plugins:{_chain.Id}:{EvmSettings.RpcUrlKey(networkId)}";
}
