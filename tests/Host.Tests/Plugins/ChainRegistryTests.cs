using KsQuery.Contracts.Messages;
using KsQuery.Modules.Chains;
using KsQuery.Modules.Chains.Registry;
using KsQuery.Plugins.Abstractions;

namespace Host.Tests.Plugins;

public sealed class ChainRegistryTests
{
    [Fact]
    public void A_loaded_plugin_replaces_the_coming_soon_chain_of_the_same_id()
    {
        var registry = new ChainRegistry(new PluginSet([new LoadedPlugin(new FakeEthereum(), "test")], []));

        registry.Chains.Count(c => c.Id == "ethereum").ShouldBe(1);
        registry.Find("ETHEREUM")!.Available.ShouldBeTrue();
        registry.Resolve("ethereum", "SEPOLIA").ShouldBe(new NetworkResolution(NetworkResolutionOutcome.Found, "ethereum", "sepolia", true));
        registry.Resolve("binance", "testnet").Outcome.ShouldBe(NetworkResolutionOutcome.ChainNotAvailable);
        registry.Resolve("dogecoin", "main").Outcome.ShouldBe(NetworkResolutionOutcome.ChainNotFound);
        registry.Resolve("ethereum", "holesky").Outcome.ShouldBe(NetworkResolutionOutcome.NetworkNotFound);
    }

    private sealed class FakeEthereum : IChainPlugin
    {
        public ChainDescriptor Descriptor { get; } = new("ethereum", "Ethereum", PluginContract.Version,
            [new NetworkDescriptor("sepolia", "Sepolia", true, [])]);

        public ValueTask StartAsync(PluginContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask<ApiResult> ExecuteAsync(ApiCall call, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask<PluginHealth> CheckHealthAsync(CancellationToken cancellationToken) => ValueTask.FromResult(PluginHealth.Ok());

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
