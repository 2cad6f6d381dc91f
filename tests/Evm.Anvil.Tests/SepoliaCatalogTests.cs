using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Evm.Anvil.Tests.Support;
using static Evm.Anvil.Tests.Support.NodeComparison;

namespace Evm.Anvil.Tests;

/// <summary>Every API of the EVM catalog called through KS Query with a key scoped to ethereum/sepolia, each answer
/// compared field by field with what the Anvil node behind it answers to the same JSON-RPC.</summary>
[Collection(EvmCollection.Name)]
public sealed class SepoliaCatalogTests(EvmFixture fixture)
{
    private const string Base = "/v1/ethereum/sepolia";
    private JsonRpcClient Node => fixture.Sepolia.Rpc;

    private async Task<JsonElement> GetOkAsync(string path)
    {
        var (status, body, _) = await fixture.Api.GetAsync(Base + path, apiKey: fixture.SepoliaKey);
        status.ShouldBe(HttpStatusCode.OK, $"GET {path}: {body}");
        return body;
    }

    private async Task<JsonElement> PostOkAsync(string path, object body)
    {
        var (status, answer, _) = await fixture.Api.PostAsync(Base + path, body, apiKey: fixture.SepoliaKey);
        status.ShouldBe(HttpStatusCode.OK, $"POST {path}: {answer}");
        return answer;
    }

    private async Task<JsonElement> ProblemAsync(HttpMethod method, string path, HttpStatusCode expected, string code, object? body = null)
    {
        var (status, problem, _) = await fixture.Api.SendAsync(method, Base + path, body, apiKey: fixture.SepoliaKey);
        status.ShouldBe(expected, $"{method} {path}: {problem}");
        problem.GetProperty("code").GetString().ShouldBe(code, problem.ToString());
        return problem;
    }

    private async Task<long> LatestAsync() => Hex.ToLong(await Node.CallAsync("eth_blockNumber", []));

    [AnvilFact]
    public async Task Network_info_matches_the_nodes_chain_id_head_gas_price_syncing_and_client_version()
    {
        var info = await GetOkAsync("/network");

        Number(info, "chainId").ShouldBe(EvmFixture.SepoliaChainId);
        Number(info, "latestBlock").ShouldBe(await LatestAsync());
        Text(info, "gasPrice").ShouldBe(Hex.Decimal(await Node.CallAsync("eth_gasPrice", [])));
        info.GetProperty("syncing").GetBoolean().ShouldBe((await Node.CallAsync("eth_syncing", [])).ValueKind != JsonValueKind.False);
        Text(info, "clientVersion").ShouldBe((await Node.CallAsync("web3_clientVersion", [])).GetString());
    }

    [AnvilFact]
    public async Task Block_number_is_the_nodes_eth_blockNumber()
    {
        var answer = await GetOkAsync("/block-number");

        Number(answer, "number").ShouldBe(await LatestAsync());
        // The set-up mined one block per transaction on top of genesis.
        Number(answer, "number").ShouldBe(fixture.Chain.AllHashes.Count());
    }

    [AnvilFact]
    public async Task Every_block_by_number_matches_the_nodes_block()
    {
        var latest = await LatestAsync();
        for (var number = 0L; number <= latest; number++)
            (await GetOkAsync($"/blocks/{number}")).ShouldMatchBlock(await Node.CallAsync("eth_getBlockByNumber", [Hex.Quantity(number), false]));
    }

    [AnvilFact]
    public async Task Blocks_by_tag_match_the_nodes_blocks_for_the_same_tag()
    {
        foreach (var tag in new[] { "latest", "finalized", "safe", "earliest" })
            (await GetOkAsync($"/blocks/{tag}")).ShouldMatchBlock(await Node.CallAsync("eth_getBlockByNumber", [tag, false]));
    }

    [AnvilFact]
    public async Task A_block_by_hash_matches_the_nodes_block()
    {
        var block = await Node.CallAsync("eth_getBlockByNumber", [Hex.Quantity(2), false]);
        var hash = block.GetProperty("hash").GetString()!;

        (await GetOkAsync($"/blocks/by-hash/{hash}")).ShouldMatchBlock(await Node.CallAsync("eth_getBlockByHash", [hash, false]));
    }

    [AnvilFact]
    public async Task A_blocks_transactions_match_the_nodes_full_transactions()
    {
        var receipt = await Node.CallAsync("eth_getTransactionReceipt", [fixture.Chain.TokenTransferHashes[0]]);
        var number = Hex.ToLong(receipt.GetProperty("blockNumber"));
        var node = await Node.CallAsync("eth_getBlockByNumber", [Hex.Quantity(number), true]);

        var page = await GetOkAsync($"/blocks/{number}/transactions?page=1&size=10");

        Number(page, "page").ShouldBe(1);
        Number(page, "size").ShouldBe(10);
        var transactions = node.GetProperty("transactions").EnumerateArray().ToList();
        Number(page, "total").ShouldBe(transactions.Count);
        var items = page.GetProperty("items").EnumerateArray().ToList();
        items.Count.ShouldBe(transactions.Count);
        for (var i = 0; i < items.Count; i++)
            items[i].ShouldMatchTransaction(transactions[i]);
    }

    [AnvilFact]
    public async Task Every_transaction_matches_the_nodes_transaction()
    {
        foreach (var hash in fixture.Chain.AllHashes)
            (await GetOkAsync($"/transactions/{hash}")).ShouldMatchTransaction(await Node.CallAsync("eth_getTransactionByHash", [hash]));
    }

    [AnvilFact]
    public async Task Every_receipt_matches_the_nodes_receipt_with_its_logs()
    {
        foreach (var hash in fixture.Chain.AllHashes)
            (await GetOkAsync($"/transactions/{hash}/receipt")).ShouldMatchReceipt(await Node.CallAsync("eth_getTransactionReceipt", [hash]));

        var deployment = await GetOkAsync($"/transactions/{fixture.Chain.DeployHash}/receipt");
        Text(deployment, "contractAddress").ShouldBe(TestChain.TokenAddress);
        deployment.GetProperty("to").ValueKind.ShouldBe(JsonValueKind.Null);
        (await GetOkAsync($"/transactions/{fixture.Chain.TokenTransferHashes[0]}/receipt")).GetProperty("logs").GetArrayLength().ShouldBe(1);
    }

    [AnvilFact]
    public async Task Balances_match_the_nodes_eth_getBalance_at_latest_and_at_a_number()
    {
        foreach (var account in new[] { TestChain.Deployer, TestChain.Alice, TestChain.Bob, TestChain.Carol })
        {
            var latest = await GetOkAsync($"/accounts/{account}/balance");
            Text(latest, "address").ShouldBe(account);
            Text(latest, "block").ShouldBe("latest");
            Text(latest, "balance").ShouldBe(Hex.Decimal(await Node.CallAsync("eth_getBalance", [account.ToLowerInvariant(), "latest"])));

            var atOne = await GetOkAsync($"/accounts/{account}/balance?block=1");
            Text(atOne, "block").ShouldBe("1");
            Text(atOne, "balance").ShouldBe(Hex.Decimal(await Node.CallAsync("eth_getBalance", [account.ToLowerInvariant(), "0x1"])));
        }
    }

    [AnvilFact]
    public async Task Nonces_match_the_nodes_eth_getTransactionCount()
    {
        foreach (var account in new[] { TestChain.Deployer, TestChain.Alice, TestChain.Bob })
        {
            var answer = await GetOkAsync($"/accounts/{account}/nonce?block=latest");
            Text(answer, "address").ShouldBe(account);
            Text(answer, "block").ShouldBe("latest");
            Number(answer, "nonce").ShouldBe(Hex.ToLong(await Node.CallAsync("eth_getTransactionCount", [account.ToLowerInvariant(), "latest"])));
        }
        Number(await GetOkAsync($"/accounts/{TestChain.Deployer}/nonce?block=0"), "nonce").ShouldBe(0);
    }

    [AnvilFact]
    public async Task Code_matches_the_nodes_eth_getCode_for_the_token_and_an_account()
    {
        var token = await GetOkAsync($"/accounts/{TestChain.TokenAddress}/code");
        Text(token, "address").ShouldBe(TestChain.TokenAddress);
        Text(token, "code").ShouldBe((await Node.CallAsync("eth_getCode", [TestChain.TokenAddress.ToLowerInvariant(), "latest"])).GetString());
        token.GetProperty("isContract").GetBoolean().ShouldBeTrue();

        var account = await GetOkAsync($"/accounts/{TestChain.Alice}/code");
        Text(account, "code").ShouldBe("0x");
        account.GetProperty("isContract").GetBoolean().ShouldBeFalse();

        // Before the deployment (block 0) the token address has no code.
        (await GetOkAsync($"/accounts/{TestChain.TokenAddress}/code?block=0")).GetProperty("isContract").GetBoolean().ShouldBeFalse();
    }

    [AnvilFact]
    public async Task Token_info_matches_the_nodes_eth_call_of_name_symbol_decimals_and_total_supply()
    {
        var info = await GetOkAsync($"/tokens/{TestChain.TokenAddress}");

        Text(info, "address").ShouldBe(TestChain.TokenAddress);
        Text(info, "name").ShouldBe(Hex.DecodeString(await CallAsync("0x06fdde03")));
        Text(info, "symbol").ShouldBe(Hex.DecodeString(await CallAsync("0x95d89b41")));
        Number(info, "decimals").ShouldBe(Hex.ToLong(await CallAsync("0x313ce567")));
        Text(info, "totalSupply").ShouldBe(Hex.ToBigInteger(await CallAsync("0x18160ddd")).ToString());
        // and what the contract's source says
        Text(info, "name").ShouldBe("KS Test Token");
        Text(info, "symbol").ShouldBe("KSTT");
        Text(info, "totalSupply").ShouldBe(TestChain.TotalSupply.ToString());
    }

    [AnvilFact]
    public async Task Token_balances_match_the_nodes_eth_call_of_balanceOf()
    {
        foreach (var account in new[] { TestChain.Deployer, TestChain.Alice, TestChain.Bob, TestChain.Carol })
        {
            var answer = await GetOkAsync($"/tokens/{TestChain.TokenAddress}/balances/{account}");
            Text(answer, "token").ShouldBe(TestChain.TokenAddress);
            Text(answer, "address").ShouldBe(account);
            Number(answer, "decimals").ShouldBe(18);
            Text(answer, "balance").ShouldBe(Hex.ToBigInteger(await CallAsync(TestChain.BalanceOfData(account))).ToString());
        }
        Text(await GetOkAsync($"/tokens/{TestChain.TokenAddress}/balances/{TestChain.Bob}"), "balance").ShouldBe("290000000000000000000");
    }

    [AnvilFact]
    public async Task A_raw_contract_call_answers_the_nodes_eth_call_result()
    {
        var data = TestChain.BalanceOfData(TestChain.Alice);

        var answer = await PostOkAsync($"/contracts/{TestChain.TokenAddress}/call", new { data });

        Text(answer, "result").ShouldBe(await CallAsync(data));
        Hex.ToBigInteger(Text(answer, "result")).ToString().ShouldBe("960000000000000000000");
    }

    [AnvilFact]
    public async Task A_typed_contract_call_answers_the_nodes_result_and_its_decoded_values()
    {
        var answer = await PostOkAsync($"/contracts/{TestChain.TokenAddress}/call-function",
            new { function = "balanceOf(address)", args = new[] { TestChain.Bob }, returns = new[] { "uint256" } });

        Text(answer, "result").ShouldBe(await CallAsync(TestChain.BalanceOfData(TestChain.Bob)));
        answer.GetProperty("values").EnumerateArray().Select(v => v.GetString()).ShouldBe(["290000000000000000000"]);

        var name = await PostOkAsync($"/contracts/{TestChain.TokenAddress}/call-function",
            new { function = "name()", args = Array.Empty<string>(), returns = new[] { "string" } });
        name.GetProperty("values")[0].GetString().ShouldBe(Hex.DecodeString(await CallAsync("0x06fdde03")));

        // A call from an account: transfer(to, value) simulated from Alice answers bool true without a transaction.
        var transfer = await PostOkAsync($"/contracts/{TestChain.TokenAddress}/call-function",
            new { function = "transfer(address,uint256)", args = new object[] { TestChain.Carol, "1" }, returns = new[] { "bool" }, from = TestChain.Alice });
        transfer.GetProperty("values")[0].GetBoolean().ShouldBeTrue();
        Number(await GetOkAsync("/block-number"), "number").ShouldBe(await LatestAsync());
    }

    [AnvilFact]
    public async Task Logs_by_address_and_topics_match_the_nodes_eth_getLogs()
    {
        var latest = await LatestAsync();
        var node = await Node.CallAsync("eth_getLogs", [new JsonObject
        {
            ["address"] = TestChain.TokenAddress.ToLowerInvariant(), ["fromBlock"] = "0x0", ["toBlock"] = Hex.Quantity(latest),
        }]);

        var page = await GetOkAsync($"/logs?address={TestChain.TokenAddress}&fromBlock=0&toBlock={latest}&page=1&size=100");

        Number(page, "fromBlock").ShouldBe(0);
        Number(page, "toBlock").ShouldBe(latest);
        Number(page, "total").ShouldBe(node.GetArrayLength());
        node.GetArrayLength().ShouldBe(4); // the mint and three transfers
        page.GetProperty("items").ShouldMatchLogs(node);

        // topic1 = the sender: only Alice's transfer to Bob
        var aliceTopic = "0x" + Hex.Word(TestChain.Alice);
        var fromAlice = await GetOkAsync($"/logs?address={TestChain.TokenAddress}&topic0={TestChain.TransferTopic}&topic1={aliceTopic}&fromBlock=0&toBlock={latest}");
        var nodeFromAlice = await Node.CallAsync("eth_getLogs", [new JsonObject
        {
            ["address"] = TestChain.TokenAddress.ToLowerInvariant(), ["fromBlock"] = "0x0", ["toBlock"] = Hex.Quantity(latest),
            ["topics"] = new JsonArray(TestChain.TransferTopic, aliceTopic),
        }]);
        nodeFromAlice.GetArrayLength().ShouldBe(1);
        fromAlice.GetProperty("items").ShouldMatchLogs(nodeFromAlice);

        // paging: the second page of size 2 is the node's third and fourth log
        var second = await GetOkAsync($"/logs?address={TestChain.TokenAddress}&fromBlock=0&toBlock={latest}&page=2&size=2");
        Number(second, "total").ShouldBe(4);
        second.GetProperty("items").ShouldMatchLogs(JsonSerializer.SerializeToElement(node.EnumerateArray().Skip(2).ToList()));
    }

    [AnvilFact]
    public async Task Raw_rpc_answers_the_nodes_result_for_allowed_read_methods()
    {
        var cases = new (string Method, JsonArray Params)[]
        {
            ("eth_chainId", []),
            ("eth_blockNumber", []),
            ("net_version", []),
            ("eth_getBalance", [TestChain.Bob.ToLowerInvariant(), "latest"]),
            ("eth_getBlockByNumber", ["0x1", false]),
            ("eth_getTransactionReceipt", [fixture.Chain.TokenTransferHashes[1]]),
            ("eth_call", [new JsonObject { ["to"] = TestChain.TokenAddress.ToLowerInvariant(), ["data"] = "0x18160ddd" }, "latest"]),
        };
        foreach (var (method, parameters) in cases)
        {
            var answer = await PostOkAsync("/rpc", new { method, @params = JsonSerializer.SerializeToElement(parameters) });
            var node = await Node.CallAsync(method, JsonNode.Parse(parameters.ToJsonString())!.AsArray());
            JsonNode.DeepEquals(JsonNode.Parse(answer.GetProperty("result").GetRawText()), JsonNode.Parse(node.GetRawText()))
                .ShouldBeTrue($"{method}: KS Query {answer.GetProperty("result")} vs node {node}");
        }
    }

    [AnvilFact]
    public async Task Raw_rpc_refuses_methods_outside_the_allowlist()
    {
        foreach (var method in new[] { "eth_getLogs", "eth_sendTransaction", "anvil_mine", "eth_accounts" })
            await ProblemAsync(HttpMethod.Post, "/rpc", HttpStatusCode.BadRequest, "rpc_method_not_allowed", new { method, @params = Array.Empty<object>() });
        (await LatestAsync()).ShouldBe(fixture.Chain.AllHashes.Count(), "a refused method reached the node");
    }

    [AnvilFact]
    public async Task What_the_node_does_not_have_answers_404_with_the_specs_codes()
    {
        var unknown = "0x" + new string('a', 64);
        (await Node.CallAsync("eth_getTransactionByHash", [unknown])).ValueKind.ShouldBe(JsonValueKind.Null);
        await ProblemAsync(HttpMethod.Get, $"/transactions/{unknown}", HttpStatusCode.NotFound, "transaction_not_found");
        await ProblemAsync(HttpMethod.Get, $"/transactions/{unknown}/receipt", HttpStatusCode.NotFound, "receipt_not_found");
        await ProblemAsync(HttpMethod.Get, $"/blocks/by-hash/{unknown}", HttpStatusCode.NotFound, "block_not_found");
        var beyond = await LatestAsync() + 1000;
        (await Node.CallAsync("eth_getBlockByNumber", [Hex.Quantity(beyond), false])).ValueKind.ShouldBe(JsonValueKind.Null);
        await ProblemAsync(HttpMethod.Get, $"/blocks/{beyond}", HttpStatusCode.NotFound, "block_not_found");
        await ProblemAsync(HttpMethod.Get, $"/tokens/{TestChain.Alice}", HttpStatusCode.NotFound, "contract_not_found");
    }

    [AnvilFact]
    public async Task A_reverting_call_answers_400_execution_reverted_with_the_contracts_reason()
    {
        // Carol holds no tokens: transfer reverts with the contract's require message.
        var data = TestChain.TransferData(TestChain.Alice, 1);
        var nodeError = await Should.ThrowAsync<JsonRpcException>(() => Node.CallAsync("eth_call", [new JsonObject
        {
            ["from"] = TestChain.Carol.ToLowerInvariant(), ["to"] = TestChain.TokenAddress.ToLowerInvariant(), ["data"] = data,
        }, "latest"]));
        nodeError.RpcMessage.ShouldContain("TestToken: balance too low");

        var problem = await ProblemAsync(HttpMethod.Post, $"/contracts/{TestChain.TokenAddress}/call", HttpStatusCode.BadRequest,
            "execution_reverted", new { data, from = TestChain.Carol });
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("TestToken: balance too low");
    }

    [AnvilFact]
    public async Task A_log_range_wider_than_the_limit_is_refused_before_the_node_is_asked()
    {
        await ProblemAsync(HttpMethod.Get, "/logs?fromBlock=0&toBlock=1000", HttpStatusCode.BadRequest, "validation_failed");
        await ProblemAsync(HttpMethod.Get, $"/accounts/{TestChain.Alice.ToLowerInvariant().Replace("c", "C")}/balance",
            HttpStatusCode.BadRequest, "validation_failed"); // mixed case with a wrong EIP-55 checksum
    }

    private async Task<string> CallAsync(string data) =>
        (await Node.CallAsync("eth_call", [new JsonObject { ["to"] = TestChain.TokenAddress.ToLowerInvariant(), ["data"] = data }, "latest"])).GetString()!;
}
