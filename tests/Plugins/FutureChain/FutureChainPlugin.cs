using KsQuery.Plugins.Abstractions;
using FutureChain;

[assembly: ChainPlugin(typeof(FutureChainPlugin))]
[assembly: ChainPlugin(typeof(NewerMinorChainPlugin))]
[assembly: ChainPlugin(typeof(OlderMinorChainPlugin))]

namespace FutureChain;

/// <summary>A plugin for tests that declares a major contract version this host does not support.</summary>
public sealed class FutureChainPlugin : TestChain
{
    public override ChainDescriptor Descriptor { get; } = new("future", "Future Chain", PluginContract.Version + 1,
        [new NetworkDescriptor("mainnet", "Main Net", false, [])]);
}

/// <summary>Built for the host's major version but a newer minor one: members this host lacks may be needed.</summary>
public sealed class NewerMinorChainPlugin : TestChain
{
    public override ChainDescriptor Descriptor { get; } = new("newer", "Newer Chain", PluginContract.Version,
        [new NetworkDescriptor("mainnet", "Main Net", false, [])]) { ContractMinorVersion = PluginContract.MinorVersion + 1 };
}

/// <summary>Built for the host's major version and an older minor one (x.0): compatible, it serves.</summary>
public sealed class OlderMinorChainPlugin : TestChain
{
    public override ChainDescriptor Descriptor { get; } = new("older", "Older Chain", PluginContract.Version,
        [new NetworkDescriptor("mainnet", "Main Net", false, [])]) { ContractMinorVersion = 0 };
}

public abstract class TestChain : IChainPlugin
{
    public abstract ChainDescriptor Descriptor { get; }

    public ValueTask StartAsync(PluginContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<ApiResult> ExecuteAsync(ApiCall call, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ApiResult.Fail(ApiError.NotFound("api_not_found", call.ApiId)));

    public ValueTask<PluginHealth> CheckHealthAsync(CancellationToken cancellationToken) => ValueTask.FromResult(PluginHealth.Ok());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
