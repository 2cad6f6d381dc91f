using System.Net;
using Evm.Anvil.Tests.Support;

namespace Evm.Anvil.Tests;

/// <summary>A real node that is the wrong chain, or that goes away: never a silent wrong answer.</summary>
public sealed class UpstreamFaultTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [AnvilFact]
    public async Task A_node_of_another_chain_at_sepolias_url_leaves_sepolia_coming_soon_and_health_names_both_chain_ids()
    {
        await using var mainnet = await AnvilNode.StartAsync(1);
        await using var host = await EvmHost.StartAsync(_data.Path, new Dictionary<string, string?>
        {
            [EvmHost.RpcUrlSetting("ethereum", "sepolia")] = mainnet.Url.ToString(),
        });
        var api = new Host.Tests.Support.ApiClient(host);

        var (status, chains, _) = await api.GetAsync("/v1/chains");
        status.ShouldBe(HttpStatusCode.OK);
        var ethereum = ChainsListingTests.Chain(chains, "ethereum");
        ChainsListingTests.NetworkStatus(ethereum, "sepolia").ShouldBe("coming-soon");
        ChainsListingTests.NetworkStatus(ethereum, "mainnet").ShouldBe("coming-soon");

        var (_, health, _) = await api.GetAsync("/health");
        health.ToString().ShouldContain("eth_chainId answered 1, expected 11155111");

        // and no key can be made for it
        var token = await api.SignUpAndLogInAsync("wrong-chain@example.com");
        var (keyStatus, problem, _) = await api.PostAsync("/v1/keys", new { name = "sepolia", chain = "ethereum", network = "sepolia" }, token);
        keyStatus.ShouldNotBe(HttpStatusCode.Created, problem.ToString());
    }

    [AnvilFact]
    public async Task A_node_that_stops_answers_503_upstream_unavailable_without_its_address_or_exception_text()
    {
        var node = await AnvilNode.StartAsync(11155111);
        await using (node)
        {
            await using var host = await EvmHost.StartAsync(_data.Path, new Dictionary<string, string?>
            {
                [EvmHost.RpcUrlSetting("ethereum", "sepolia")] = node.Url.ToString(),
                ["Plugins:ethereum:TimeoutSeconds"] = "5",
            });
            var api = new Host.Tests.Support.ApiClient(host);
            var token = await api.SignUpAndLogInAsync("down@example.com");
            var (created, key, _) = await api.PostAsync("/v1/keys", new { name = "sepolia", chain = "ethereum", network = "sepolia" }, token);
            created.ShouldBe(HttpStatusCode.Created, key.ToString());
            var apiKey = key.GetProperty("key").GetString()!;
            (await api.GetAsync("/v1/ethereum/sepolia/block-number", apiKey: apiKey)).Status.ShouldBe(HttpStatusCode.OK);

            await node.DisposeAsync(); // the node is gone: its port refuses connections

            var (status, problem, _) = await api.GetAsync("/v1/ethereum/sepolia/block-number", apiKey: apiKey);
            status.ShouldBe(HttpStatusCode.ServiceUnavailable, problem.ToString());
            problem.GetProperty("code").GetString().ShouldBe("upstream_unavailable");
            problem.ToString().ShouldNotContain("Exception");
            problem.ToString().ShouldNotContain(node.Url.Authority); // the upstream's address stays on the server
        }
    }
}
