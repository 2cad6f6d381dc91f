using System.Net;
using Evm.Anvil.Tests.Support;
using static Evm.Anvil.Tests.Support.NodeComparison;

namespace Evm.Anvil.Tests;

/// <summary>The same plugin serves binance/testnet from a second node started with BNB Smart Chain testnet's chain id;
/// keys stay scoped per network.</summary>
[Collection(EvmCollection.Name)]
public sealed class BinanceTestnetTests(EvmFixture fixture)
{
    private const string Base = "/v1/binance/testnet";
    private JsonRpcClient Node => fixture.BscTestnet.Rpc;

    [AnvilFact]
    public async Task Network_block_and_balance_come_from_the_bsc_testnet_node()
    {
        var (status, info, _) = await fixture.Api.GetAsync(Base + "/network", apiKey: fixture.BscKey);
        status.ShouldBe(HttpStatusCode.OK, info.ToString());
        Number(info, "chainId").ShouldBe(EvmFixture.BscTestnetChainId);
        Number(info, "latestBlock").ShouldBe(Hex.ToLong(await Node.CallAsync("eth_blockNumber", [])));

        var (blockStatus, block, _) = await fixture.Api.GetAsync(Base + "/blocks/latest", apiKey: fixture.BscKey);
        blockStatus.ShouldBe(HttpStatusCode.OK, block.ToString());
        block.ShouldMatchBlock(await Node.CallAsync("eth_getBlockByNumber", ["latest", false]));

        var (balanceStatus, balance, _) = await fixture.Api.GetAsync($"{Base}/accounts/{TestChain.Bob}/balance", apiKey: fixture.BscKey);
        balanceStatus.ShouldBe(HttpStatusCode.OK, balance.ToString());
        Text(balance, "balance").ShouldBe(Hex.Decimal(await Node.CallAsync("eth_getBalance", [TestChain.Bob.ToLowerInvariant(), "latest"])));
        // Not the Sepolia node's balance: the set-ups sent Bob different amounts.
        Text(balance, "balance").ShouldNotBe(Hex.Decimal(await fixture.Sepolia.Rpc.CallAsync("eth_getBalance", [TestChain.Bob.ToLowerInvariant(), "latest"])));
    }

    [AnvilFact]
    public async Task The_token_deployed_on_sepolia_is_not_a_contract_on_bsc_testnet()
    {
        var (status, problem, _) = await fixture.Api.GetAsync($"{Base}/tokens/{TestChain.TokenAddress}", apiKey: fixture.BscKey);

        status.ShouldBe(HttpStatusCode.NotFound, problem.ToString());
        problem.GetProperty("code").GetString().ShouldBe("contract_not_found");
    }

    [AnvilFact]
    public async Task A_key_scoped_to_ethereum_sepolia_is_refused_on_binance_testnet_and_the_other_way_round()
    {
        var (status, problem, _) = await fixture.Api.GetAsync(Base + "/block-number", apiKey: fixture.SepoliaKey);
        status.ShouldBe(HttpStatusCode.Forbidden, problem.ToString());
        problem.GetProperty("code").GetString().ShouldBe("key_scope_mismatch");

        var (back, backProblem, _) = await fixture.Api.GetAsync("/v1/ethereum/sepolia/block-number", apiKey: fixture.BscKey);
        back.ShouldBe(HttpStatusCode.Forbidden, backProblem.ToString());
        backProblem.GetProperty("code").GetString().ShouldBe("key_scope_mismatch");
    }
}
