namespace KsQuery.Plugins.Abstractions;

/// <summary>A chain plugin: describes one blockchain, its networks and their APIs, and executes calls.
/// The host maps every <see cref="ApiDescriptor"/> to an HTTP endpoint, validates parameters against
/// their declared pattern and range, authenticates the caller, and only then calls <see cref="ExecuteAsync"/>.</summary>
public interface IChainPlugin : IAsyncDisposable
{
    /// <summary>The chain, its networks and their API catalogs. Must be available right after construction
    /// (before <see cref="StartAsync"/>) and must not change afterwards.</summary>
    ChainDescriptor Descriptor { get; }

    /// <summary>Prepares the plugin: opens its data, builds caches, starts background work.
    /// Called once, before any call is executed. Throwing here marks the plugin unhealthy; the host runs on.</summary>
    ValueTask StartAsync(PluginContext context, CancellationToken cancellationToken);

    /// <summary>Executes one API call. Parameters have already been validated against their descriptors.
    /// Return <see cref="ApiResult.Ok{T}"/> or <see cref="ApiResult.Fail"/>; do not throw for expected failures.</summary>
    ValueTask<ApiResult> ExecuteAsync(ApiCall call, CancellationToken cancellationToken);

    /// <summary>Reports whether the plugin can serve calls right now.</summary>
    ValueTask<PluginHealth> CheckHealthAsync(CancellationToken cancellationToken);

    /// <summary>Calls that succeed on the running data source, by <see cref="ApiDescriptor.Id"/>, for the examples of the
    /// catalog and the OpenAPI document (a real block number, hash, transaction id, ...). Called after
    /// <see cref="StartAsync"/>, whenever the docs are built: return values computed once, quickly, and the same ones
    /// for the same data, so the document stays stable. APIs without an entry keep their descriptor's examples; the
    /// default has none.</summary>
    /// <param name="networkId">The canonical id of one of the plugin's networks.</param>
    IReadOnlyDictionary<string, ApiExample> GetExamples(string networkId) => NoExamples;

    /// <summary>Whether a network can serve now, asked once after a successful <see cref="StartAsync"/>: a network whose
    /// availability depends on configuration (an upstream URL set or not) or on a check at start answers false to be
    /// listed as <c>coming-soon</c> in <c>/v1/chains</c> (the chain too when none of its networks is available); keys
    /// cannot be scoped to it and its catalog answers 409 <c>chain_not_available</c>. The default: every network is
    /// available. Added in contract 1.1.</summary>
    /// <param name="networkId">The canonical id of one of the plugin's networks.</param>
    bool IsNetworkAvailable(string networkId) => true;

    /// <summary>The health of one network: shown per network in <c>/v1/chains</c> (<c>health</c>, <c>healthDetail</c>) and
    /// in <c>/health</c>. Must be cheap and answer from what the plugin already knows (its last upstream check, its
    /// configuration): <c>/v1/chains</c> asks it on every request, so never call an upstream here. Also asked for networks
    /// the plugin listed as coming soon (<see cref="IsNetworkAvailable"/> false), so the detail can say why
    /// (<c>"not configured: set Plugins:ethereum:Networks:mainnet:Url"</c>, <c>"eth_chainId answered 5, expected 1"</c>),
    /// and once after a successful <see cref="StartAsync"/>, for the log. Not asked when <see cref="StartAsync"/> threw:
    /// every network of the plugin is then unhealthy with the start failure. The default: the plugin's health
    /// (<see cref="CheckHealthAsync"/>). Added in contract 1.1.</summary>
    /// <param name="networkId">The canonical id of one of the plugin's networks.</param>
    /// <param name="cancellationToken">Cancelled when the request that asks is aborted.</param>
    ValueTask<PluginHealth> CheckNetworkHealthAsync(string networkId, CancellationToken cancellationToken) => CheckHealthAsync(cancellationToken);

    private static readonly IReadOnlyDictionary<string, ApiExample> NoExamples = new Dictionary<string, ApiExample>();
}
