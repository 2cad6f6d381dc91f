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
    public async Task Health_reports_each_configured_network_upstream_ok_with_its_chain_id()
    {
        var (status, health, _) = await fixture.Api.GetAsync("/health");

        status.ShouldBe(HttpStatusCode.OK, health.ToString());
        var text = health.ToString();
        text.ShouldContain("upstream ok, chain id 11155111");
        text.ShouldContain("upstream ok, chain id 97");
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
