using System.Net;
using System.Text.Json;
using Evm.Anvil.Tests.Support;

namespace Evm.Anvil.Tests;

/// <summary>A network with an upstream is available; one without stays coming-soon, as the plugin says.</summary>
[Collection(EvmCollection.Name)]
public sealed class ChainsListingTests(EvmFixture fixture)
{
    [AnvilFact]
    public async Task Configured_networks_are_available_and_the_mainnets_without_an_upstream_coming_soon()
    {
        var (status, chains, _) = await fixture.Api.GetAsync("/v1/chains");
        status.ShouldBe(HttpStatusCode.OK, chains.ToString());

        var ethereum = Chain(chains, "ethereum");
        ethereum.GetProperty("name").GetString().ShouldBe("Ethereum");
        ethereum.GetProperty("status").GetString().ShouldBe("available");
        NetworkStatus(ethereum, "sepolia").ShouldBe("available");
        NetworkStatus(ethereum, "mainnet").ShouldBe("coming-soon");

        var binance = Chain(chains, "binance");
        binance.GetProperty("name").GetString().ShouldBe("BNB Smart Chain");
        binance.GetProperty("status").GetString().ShouldBe("available");
        NetworkStatus(binance, "testnet").ShouldBe("available");
        NetworkStatus(binance, "mainnet").ShouldBe("coming-soon");
    }

    [AnvilFact]
    public async Task Health_reports_both_chains_healthy_with_their_upstreams_answering_the_expected_chain_ids()
    {
        var (status, health, _) = await fixture.Api.GetAsync("/health");

        status.ShouldBe(HttpStatusCode.OK, health.ToString());
        var plugins = health.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "plugins");
        plugins.GetProperty("status").GetString().ShouldBe("healthy", plugins.ToString());
        plugins.ToString().ShouldContain("ethereum");
        plugins.ToString().ShouldContain("binance");
        plugins.ToString().ShouldNotContain("unhealthy");
    }

    internal static JsonElement Chain(JsonElement chains, string id)
    {
        var list = chains.ValueKind == JsonValueKind.Array ? chains : chains.GetProperty("items");
        return list.EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);
    }

    internal static string NetworkStatus(JsonElement chain, string network) =>
        chain.GetProperty("networks").EnumerateArray().Single(n => n.GetProperty("id").GetString() == network)
            .GetProperty("status").GetString()!;
}
