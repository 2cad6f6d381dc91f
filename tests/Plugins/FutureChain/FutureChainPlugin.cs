using KsQuery.Plugins.Abstractions;
using FutureChain;

[assembly: ChainPlugin(typeof(FutureChainPlugin))]

namespace FutureChain;

/// <summary>A plugin for tests that declares a contract version this host does not support.</summary>
public sealed class FutureChainPlugin : IChainPlugin
{
    public ChainDescriptor Descriptor { get; } = new("future", "Future Chain", PluginContract.Version + 1,
        [new NetworkDescriptor("mainnet", "Main Net", false, [])]);

    public ValueTask StartAsync(PluginContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<ApiResult> ExecuteAsync(ApiCall call, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ApiResult.Fail(ApiError.NotFound("api_not_found", call.ApiId)));

    public ValueTask<PluginHealth> CheckHealthAsync(CancellationToken cancellationToken) => ValueTask.FromResult(PluginHealth.Ok());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
