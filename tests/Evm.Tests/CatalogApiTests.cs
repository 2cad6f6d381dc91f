using System.Text.Json;
using Shouldly;

namespace Evm.Tests;

/// <summary>Each API against canned JSON-RPC answers: what it asks the node and how the answer is reshaped.</summary>
public sealed class CatalogApiTests : IAsyncLifetime
{
    private const string Miner = "0xe6a7a1d47ff21b6321162aea7c6cb457d5476bca";
    private const string From = "0xa1e4380a3b1f749673e270229993ee55f35663b4";
    private const string To = "0x5df9b87991262f6ba471f09758cde1c0fc1de734";
    private const string Token = "0xdac17f958d2ee523a2206206994597c13d831ec7";
    private const string TxHash = "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060";
    private const string BlockHash = "0x4e3a3754410177e6937ef1f84bba68ea139e8d1a2258c5f85db9f1cd715a1bdd";

    private const string Transaction = $$"""
        {"hash":"{{TxHash}}","blockNumber":"0xb443","blockHash":"{{BlockHash}}","transactionIndex":"0x0","from":"{{From}}","to":"{{To}}",
         "value":"0x7a69","gas":"0x5208","gasPrice":"0x2d79883d2000","maxFeePerGas":"0x3b9aca00","maxPriorityFeePerGas":"0x1","nonce":"0x0","input":"0x","type":"0x2"}
        """;

    private static string Block(bool full) => $$"""
        {"number":"0xb443","hash":"{{BlockHash}}","parentHash":"0x5a41d0e66b4120775176c09fcf39e7c0520517a13d2b57b18d33d342df038bfc",
         "timestamp":"0x55c42659","miner":"{{Miner}}","gasLimit":"0x2fefd8","gasUsed":"0x5208","baseFeePerGas":"0x7","size":"0x28c",
         "transactions":[{{(full ? Transaction + "," + Transaction.Replace("\"transactionIndex\":\"0x0\"", "\"transactionIndex\":\"0x1\"") : $"\"{TxHash}\",\"{TxHash}\"")}}]}
        """;

    private FakeRpcUpstream _upstream = null!;
    private PluginHarness _plugin = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeRpcUpstream.StartAsync();
        _plugin = await PluginHarness.SepoliaAsync(_upstream.Url);
    }

    public async Task DisposeAsync()
    {
        await _plugin.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    private string LastParams(string method) => _upstream.Requests.Last(r => r.Method == method).Params;

    [Fact]
    public async Task Network_info_gathers_chain_id_block_gas_price_sync_state_and_client()
    {
        _upstream.Result("eth_blockNumber", "\"0x10\"").Result("eth_gasPrice", "\"0x3b9aca00\"").Result("eth_syncing", "false")
            .Result("web3_clientVersion", "\"anvil/v1.7.1\"");

        var json = await _plugin.GetAsync("network-info");

        json.GetRawText().ShouldBe("""{"chainId":11155111,"latestBlock":16,"gasPrice":"1000000000","syncing":false,"clientVersion":"anvil/v1.7.1"}""");
    }

    [Fact]
    public async Task Network_info_without_client_version_says_null()
    {
        _upstream.Result("eth_blockNumber", "\"0x10\"").Result("eth_gasPrice", "\"0x1\"").Result("eth_syncing", "{\"currentBlock\":\"0x1\"}");

        var json = await _plugin.GetAsync("network-info");

        json.GetProperty("syncing").GetBoolean().ShouldBeTrue();
        json.GetProperty("clientVersion").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_block_by_number_is_asked_in_hex_and_answered_with_numbers_strings_and_a_checksummed_miner()
    {
        _upstream.Result("eth_getBlockByNumber", Block(full: false));

        var json = await _plugin.GetAsync("block", new() { ["block"] = "46147" });

        LastParams("eth_getBlockByNumber").ShouldBe("[\"0xb443\",false]");
        json.GetProperty("number").GetInt64().ShouldBe(46147);
        json.GetProperty("timestamp").GetInt64().ShouldBe(1438918233);
        json.GetProperty("miner").GetString().ShouldBe("0xe6A7a1d47ff21B6321162AEA7C6CB457D5476Bca");
        json.GetProperty("gasLimit").GetInt64().ShouldBe(3141592);
        json.GetProperty("baseFeePerGas").GetString().ShouldBe("7");
        json.GetProperty("size").GetInt64().ShouldBe(652);
        json.GetProperty("transactionCount").GetInt32().ShouldBe(2);
        json.GetProperty("transactions")[0].GetString().ShouldBe(TxHash);
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("finalized")]
    [InlineData("safe")]
    [InlineData("earliest")]
    public async Task A_block_tag_is_passed_as_the_tag(string tag)
    {
        _upstream.Result("eth_getBlockByNumber", Block(full: false));

        await _plugin.GetAsync("block", new() { ["block"] = tag });

        LastParams("eth_getBlockByNumber").ShouldBe($"[\"{tag}\",false]");
    }

    [Fact]
    public async Task An_unknown_block_is_404_block_not_found()
    {
        _upstream.Result("eth_getBlockByNumber", "null").Result("eth_getBlockByHash", "null");

        (await _plugin.CallAsync("block", new() { ["block"] = "99999999" })).Error.ShouldNotBeNull().Code.ShouldBe("block_not_found");
        (await _plugin.CallAsync("block-by-hash", new() { ["hash"] = BlockHash })).Error.ShouldNotBeNull().Code.ShouldBe("block_not_found");
        (await _plugin.CallAsync("block-transactions", new() { ["block"] = "1" })).Error.ShouldNotBeNull().Status.ShouldBe(404);
    }

    [Fact]
    public async Task Block_transactions_are_paged_in_block_order()
    {
        _upstream.Result("eth_getBlockByNumber", Block(full: true));

        var json = await _plugin.GetAsync("block-transactions", new() { ["block"] = "latest", ["page"] = "2", ["size"] = "1" });

        LastParams("eth_getBlockByNumber").ShouldBe("[\"latest\",true]");
        json.GetProperty("total").GetInt64().ShouldBe(2);
        json.GetProperty("page").GetInt32().ShouldBe(2);
        json.GetProperty("items").GetArrayLength().ShouldBe(1);
        json.GetProperty("items")[0].GetProperty("transactionIndex").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task A_transaction_has_wei_as_decimal_strings_and_checksummed_addresses()
    {
        _upstream.Result("eth_getTransactionByHash", Transaction);

        var json = await _plugin.GetAsync("transaction", new() { ["hash"] = TxHash.ToUpperInvariant().Replace("0X", "0x") });

        LastParams("eth_getTransactionByHash").ShouldBe($"[\"{TxHash}\"]");
        json.GetRawText().ShouldBe($$"""{"hash":"{{TxHash}}","blockNumber":46147,"blockHash":"{{BlockHash}}","transactionIndex":0,"from":"0xA1E4380A3B1f749673E270229993eE55F35663b4","to":"0x5DF9B87991262F6BA471F09758CDE1c0FC1De734","value":"31337","gas":21000,"gasPrice":"50000000000000","maxFeePerGas":"1000000000","maxPriorityFeePerGas":"1","nonce":0,"input":"0x","type":2}""");
    }

    [Fact]
    public async Task A_pending_transaction_has_null_block_fields_and_an_unknown_one_is_404()
    {
        _upstream.Result("eth_getTransactionByHash", Transaction.Replace("\"0xb443\"", "null").Replace($"\"{BlockHash}\"", "null").Replace("\"transactionIndex\":\"0x0\"", "\"transactionIndex\":null"));
        var json = await _plugin.GetAsync("transaction", new() { ["hash"] = TxHash });
        json.GetProperty("blockNumber").ValueKind.ShouldBe(JsonValueKind.Null);
        json.GetProperty("blockHash").ValueKind.ShouldBe(JsonValueKind.Null);

        _upstream.Result("eth_getTransactionByHash", "null");
        (await _plugin.CallAsync("transaction", new() { ["hash"] = TxHash })).Error.ShouldNotBeNull().Code.ShouldBe("transaction_not_found");
    }

    [Fact]
    public async Task A_receipt_says_success_or_reverted_and_carries_its_logs()
    {
        _upstream.Result("eth_getTransactionReceipt", $$"""
            {"transactionHash":"{{TxHash}}","blockNumber":"0xb443","blockHash":"{{BlockHash}}","transactionIndex":"0x0","from":"{{From}}","to":null,
             "contractAddress":"{{Token}}","status":"0x0","gasUsed":"0x5208","cumulativeGasUsed":"0xa410","effectiveGasPrice":"0x3b9aca07",
             "logs":[{"address":"{{Token}}","topics":["0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"],"data":"0x01","blockNumber":"0xb443",
                      "blockHash":"{{BlockHash}}","transactionHash":"{{TxHash}}","transactionIndex":"0x0","logIndex":"0x3","removed":false}]}
            """);

        var json = await _plugin.GetAsync("transaction-receipt", new() { ["hash"] = TxHash });

        json.GetProperty("status").GetString().ShouldBe("reverted");
        json.GetProperty("to").ValueKind.ShouldBe(JsonValueKind.Null);
        json.GetProperty("contractAddress").GetString().ShouldBe("0xdAC17F958D2ee523a2206206994597C13D831ec7");
        json.GetProperty("cumulativeGasUsed").GetInt64().ShouldBe(42000);
        json.GetProperty("effectiveGasPrice").GetString().ShouldBe("1000000007");
        var log = json.GetProperty("logs")[0];
        log.GetProperty("address").GetString().ShouldBe("0xdAC17F958D2ee523a2206206994597C13D831ec7");
        log.GetProperty("logIndex").GetInt64().ShouldBe(3);
        log.GetProperty("removed").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task A_missing_receipt_is_404_receipt_not_found()
    {
        _upstream.Result("eth_getTransactionReceipt", "null");

        var error = (await _plugin.CallAsync("transaction-receipt", new() { ["hash"] = TxHash })).Error.ShouldNotBeNull();

        error.Status.ShouldBe(404);
        error.Code.ShouldBe("receipt_not_found");
    }

    [Fact]
    public async Task Account_reads_pass_the_lower_case_address_and_block_and_echo_them_normalised()
    {
        _upstream.Result("eth_getBalance", "\"0xde0b6b3a7640000\"").Result("eth_getTransactionCount", "\"0x58c\"").Result("eth_getCode", "\"0x6001\"");

        var balance = await _plugin.GetAsync("account-balance", new() { ["address"] = "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045", ["block"] = "20" });
        var nonce = await _plugin.GetAsync("account-nonce", new() { ["address"] = "0xd8da6bf26964af9d7eed9e03e53415d37aa96045" });
        var code = await _plugin.GetAsync("account-code", new() { ["address"] = "0xd8da6bf26964af9d7eed9e03e53415d37aa96045", ["block"] = "latest" });

        LastParams("eth_getBalance").ShouldBe("[\"0xd8da6bf26964af9d7eed9e03e53415d37aa96045\",\"0x14\"]");
        balance.GetRawText().ShouldBe("""{"address":"0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045","block":"20","balance":"1000000000000000000"}""");
        nonce.GetRawText().ShouldBe("""{"address":"0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045","block":"latest","nonce":1420}""");
        code.GetProperty("isContract").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Token_info_reads_name_symbol_decimals_and_total_supply_through_eth_call()
    {
        _upstream.Result("eth_getCode", "\"0x6001\"").Result("eth_call", p => (p[0].GetProperty("data").GetString()) switch
        {
            "0x06fdde03" => "\"0x" + Word(32) + Word(10) + Text("Tether USD") + "\"",
            "0x95d89b41" => "\"0x" + Word(32) + Word(4) + Text("USDT") + "\"",
            "0x313ce567" => "\"0x" + Word(6) + "\"",
            "0x18160ddd" => "\"0x" + Word(76923456789012345) + "\"",
            _ => "\"0x\"",
        });

        var json = await _plugin.GetAsync("token-info", new() { ["contract"] = Token });

        json.GetRawText().ShouldBe("""{"address":"0xdAC17F958D2ee523a2206206994597C13D831ec7","name":"Tether USD","symbol":"USDT","decimals":6,"totalSupply":"76923456789012345"}""");
    }

    [Fact]
    public async Task A_token_at_an_address_without_code_is_404_contract_not_found()
    {
        _upstream.Result("eth_getCode", "\"0x\"").Result("eth_call", "\"0x\"");

        var error = (await _plugin.CallAsync("token-balance", new() { ["contract"] = Token, ["address"] = From })).Error.ShouldNotBeNull();

        error.Status.ShouldBe(404);
        error.Code.ShouldBe("contract_not_found");
    }

    [Fact]
    public async Task Token_balance_calls_balance_of_with_the_holder()
    {
        _upstream.Result("eth_getCode", "\"0x6001\"").Result("eth_call", p => p[0].GetProperty("data").GetString()!.StartsWith("0x70a08231")
            ? "\"0x" + Word(1000000) + "\"" : "\"0x" + Word(6) + "\"");

        var json = await _plugin.GetAsync("token-balance", new() { ["contract"] = Token, ["address"] = From });

        _upstream.Requests.ShouldContain(r => r.Method == "eth_call" && r.Params.Contains("0x70a08231000000000000000000000000a1e4380a3b1f749673e270229993ee55f35663b4"));
        json.GetRawText().ShouldBe("""{"token":"0xdAC17F958D2ee523a2206206994597C13D831ec7","address":"0xA1E4380A3B1f749673E270229993eE55F35663b4","balance":"1000000","decimals":6}""");
    }

    [Fact]
    public async Task A_revert_is_400_execution_reverted_with_the_decoded_reason()
    {
        var data = "0x08c379a0" + Word(32) + Word(9) + Text("not owner");
        _upstream.Result("eth_getCode", "\"0x6001\"").Error("eth_call", 3, "execution reverted: not owner", data);

        var error = (await _plugin.CallAsync("contract-call", new() { ["address"] = Token }, """{"data":"0x8da5cb5b"}""")).Error.ShouldNotBeNull();

        error.Status.ShouldBe(400);
        error.Code.ShouldBe("execution_reverted");
        error.Detail.ShouldBe("The call reverted: not owner");
    }

    [Fact]
    public async Task A_contract_call_passes_data_from_and_block()
    {
        _upstream.Result("eth_getCode", "\"0x6001\"").Result("eth_call", "\"0x" + Word(5) + "\"");

        var json = await _plugin.GetAsync("contract-call", new() { ["address"] = Token },
            """{"data":"0x18160DDD","from":"0xa1e4380a3b1f749673e270229993ee55f35663b4","block":"12"}""");

        LastParams("eth_call").ShouldBe($$"""[{"from":"{{From}}","to":"{{Token}}","data":"0x18160ddd"},"0xc"]""");
        json.GetProperty("result").GetString().ShouldBe("0x" + Word(5));
    }

    [Fact]
    public async Task A_function_call_encodes_the_arguments_and_decodes_the_returns()
    {
        _upstream.Result("eth_getCode", "\"0x6001\"").Result("eth_call", "\"0x" + Word(1000000) + "\"");

        var json = await _plugin.GetAsync("contract-call-function", new() { ["address"] = Token },
            $$"""{"function":"balanceOf(address)","args":["{{From}}"],"returns":["uint256"]}""");

        LastParams("eth_call").ShouldContain("0x70a08231000000000000000000000000a1e4380a3b1f749673e270229993ee55f35663b4");
        LastParams("eth_call").ShouldEndWith("\"latest\"]");
        json.GetProperty("values").GetRawText().ShouldBe("[\"1000000\"]");
    }

    [Fact]
    public async Task Logs_default_to_the_newest_block_and_send_address_and_positional_topics()
    {
        _upstream.Result("eth_blockNumber", "\"0x64\"").Result("eth_getLogs", "[]");

        var json = await _plugin.GetAsync("logs", new()
        {
            ["address"] = Token,
            ["topic2"] = "0x000000000000000000000000a1e4380a3b1f749673e270229993ee55f35663b4",
        });

        LastParams("eth_getLogs").ShouldBe($$"""[{"fromBlock":"0x64","toBlock":"0x64","address":"{{Token}}","topics":[null,null,"0x000000000000000000000000a1e4380a3b1f749673e270229993ee55f35663b4"]}]""");
        json.GetProperty("fromBlock").GetInt64().ShouldBe(100);
        json.GetProperty("toBlock").GetInt64().ShouldBe(100);
    }

    [Fact]
    public async Task A_range_ending_at_the_newest_block_is_checked_once_that_block_is_known()
    {
        _upstream.Result("eth_blockNumber", "\"0x100000\"");

        var error = (await _plugin.CallAsync("logs", new() { ["fromBlock"] = "1" })).Error.ShouldNotBeNull();

        error.Code.ShouldBe("validation_failed");
        _upstream.MethodsCalled().ShouldBe(["eth_blockNumber"]);
    }

    [Fact]
    public async Task The_raw_passthrough_forwards_params_as_they_came_and_returns_the_result()
    {
        _upstream.Result("eth_getBalance", p => "\"0x2a\"");

        var json = await _plugin.GetAsync("rpc", body: """{"method":"eth_getBalance","params":["0xa1e4380a3b1f749673e270229993ee55f35663b4",{"blockNumber":"0x1"}]}""");

        LastParams("eth_getBalance").ShouldBe("""["0xa1e4380a3b1f749673e270229993ee55f35663b4",{"blockNumber":"0x1"}]""");
        json.GetRawText().ShouldBe("""{"result":"0x2a"}""");
    }

    private static string Word(long value) => value.ToString("x").PadLeft(64, '0');

    private static string Text(string text) => Convert.ToHexStringLower(System.Text.Encoding.UTF8.GetBytes(text)).PadRight(64, '0');
}
