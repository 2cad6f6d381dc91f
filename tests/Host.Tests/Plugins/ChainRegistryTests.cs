using KsQuery.Contracts.Messages;
using KsQuery.Modules.Chains;
using KsQuery.Modules.Chains.Registry;
using KsQuery.Plugins.Abstractions;
using Microsoft.Extensions.Configuration;

namespace Host.Tests.Plugins;

public sealed class ChainRegistryTests
{
    [Fact]
    public void A_loaded_plugin_replaces_the_coming_soon_chain_of_the_same_id()
    {
        var registry = new ChainRegistry(new PluginSet([new LoadedPlugin(new FakeEthereum(), "test")], []),
        [
            ChainEntry.ComingSoon("ethereum", "Ethereum", ("mainnet", "Mainnet", false), ("sepolia", "Sepolia", true)),
            ChainEntry.ComingSoon("binance", "Binance", ("testnet", "BNB Smart Chain Testnet", true)),
        ]);

        registry.Chains.Count(c => c.Id == "ethereum").ShouldBe(1);
        registry.Find("ETHEREUM")!.Available.ShouldBeTrue();
        (registry.Resolve("ethereum", "SEPOLIA") with { ApiIds = null }).ShouldBe(new NetworkResolution(NetworkResolutionOutcome.Found, "ethereum", "sepolia", true));
        registry.Resolve("binance", "testnet").Outcome.ShouldBe(NetworkResolutionOutcome.ChainNotAvailable);
        registry.Resolve("dogecoin", "main").Outcome.ShouldBe(NetworkResolutionOutcome.ChainNotFound);
        registry.Resolve("ethereum", "holesky").Outcome.ShouldBe(NetworkResolutionOutcome.NetworkNotFound);
    }

    [Fact]
    public void Coming_soon_chains_are_read_from_the_settings_in_their_order()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Chains:ComingSoon:0:Id"] = "solana",
            ["Chains:ComingSoon:0:Name"] = "Solana",
            ["Chains:ComingSoon:0:Networks:0:Id"] = "devnet",
            ["Chains:ComingSoon:0:Networks:0:IsTest"] = "true",
            ["Chains:ComingSoon:1:Id"] = "aptos",
            ["Chains:ComingSoon:1:Networks:0:Id"] = "mainnet",
        }).Build();
        var registry = new ChainRegistry(new PluginSet([], []), ComingSoonSettings.Read(configuration));

        registry.Chains.Select(c => (c.Id, c.Name, c.Available)).ShouldBe([("solana", "Solana", false), ("aptos", "aptos", false)]);
        registry.Resolve("solana", "DEVNET").ShouldBe(new NetworkResolution(NetworkResolutionOutcome.ChainNotAvailable, "solana", "devnet", true));
        // A chain coming soon as a whole is not available whatever network is asked (the generated bad-input cases select one).
        registry.Resolve("solana", "nosuchnet").Outcome.ShouldBe(NetworkResolutionOutcome.ChainNotAvailable);
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
