using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.KalpDlt;
using KsQuery.Plugins.KalpDlt.Apis;
using KsQuery.Plugins.KalpDlt.Catalog;
using KsQuery.Plugins.KalpDlt.Gateway;
using KsQuery.Plugins.KalpDlt.Ledger;

[assembly: ChainPlugin(typeof(KalpDltPlugin))]

namespace KsQuery.Plugins.KalpDlt;

/// <summary>The KALP DLT chain plugin: network <c>testnet</c>, served from a local, deterministic Fabric-style ledger,
/// or, when a gateway URL and key are configured, partly from the real Kalp API gateway.</summary>
public sealed class KalpDltPlugin : IChainPlugin
{
    private LocalTestNet? _testNet;
    private KalpGateway? _gateway;
    private IApiExecutor? _executor;
    private IReadOnlyDictionary<string, ApiExample> _examples = new Dictionary<string, ApiExample>();

    public ChainDescriptor Descriptor { get; } = KalpCatalog.Create();

    public async ValueTask StartAsync(PluginContext context, CancellationToken cancellationToken)
    {
        if (_executor is not null)
        {
            throw new InvalidOperationException("The KALP DLT plugin is already started.");
        }
        if (GatewaySettings.From(context) is { } gatewaySettings)
        {
            var apiIds = Descriptor.Networks.SelectMany(n => n.Apis).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
            _gateway = KalpGateway.Create(context, gatewaySettings, apiIds);
            _executor = _gateway.Executor;
            return;
        }
        var testNet = LocalTestNet.Open(context, LedgerSettings.From(context), cancellationToken);
        var executor = new KalpApiExecutor(testNet.Ledger);
        try
        {
            _examples = await LedgerExamples.CollectAsync(Descriptor.Networks[0].Apis, executor, testNet.Ledger, cancellationToken);
        }
        catch
        {
            await testNet.DisposeAsync();
            throw;
        }
        _executor = executor;
        _testNet = testNet;
    }

    /// <summary>With the local ledger: calls that succeed on it (see <see cref="LedgerExamples"/>). With the Kalp gateway:
    /// none, the catalog's generic examples stay.</summary>
    public IReadOnlyDictionary<string, ApiExample> GetExamples(string networkId) =>
        string.Equals(networkId, KalpNetwork.NetworkId, StringComparison.OrdinalIgnoreCase) ? _examples : new Dictionary<string, ApiExample>();

    public ValueTask<ApiResult> ExecuteAsync(ApiCall call, CancellationToken cancellationToken) =>
        _executor is { } executor
            ? executor.ExecuteAsync(call, cancellationToken)
            : ValueTask.FromResult(ApiResult.Fail(ApiError.Upstream("The KALP DLT plugin is not started.", unavailable: true)));

    public ValueTask<PluginHealth> CheckHealthAsync(CancellationToken cancellationToken)
    {
        if (_gateway is { } gateway)
        {
            return ValueTask.FromResult(gateway.Health());
        }
        return ValueTask.FromResult(_testNet?.Ledger.Latest is { } latest
            ? PluginHealth.Ok($"local ledger open at height {latest.Number + 1}")
            : PluginHealth.Failing("the local ledger is not open"));
    }

    public async ValueTask DisposeAsync()
    {
        var testNet = Interlocked.Exchange(ref _testNet, null);
        var gateway = Interlocked.Exchange(ref _gateway, null);
        _executor = null;
        gateway?.Dispose();
        if (testNet is not null)
        {
            await testNet.DisposeAsync();
        }
    }

    /// <summary>For tests: the running local ledger.</summary>
    internal LocalTestNet? TestNet => _testNet;
}
