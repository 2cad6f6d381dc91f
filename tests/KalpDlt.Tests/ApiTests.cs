using System.Text.Json;
using KsQuery.Plugins.Abstractions;
using Shouldly;

namespace KalpDlt.Tests;

/// <summary>Every catalog API: its answer and its errors.</summary>
[Collection(DefaultLedgerCollection.Name)]
public sealed class ApiTests(DefaultLedgerFixture fixture)
{
    private const string Gini = "klp-f02611a93e-cc";
    private const string UnknownContract = "klp-0000000000-cc";
    private const string UnknownHex64 = "0000000000000000000000000000000000000000000000000000000000000000";

    private PluginHarness Plugin => fixture.Harness;

    [Fact]
    public async Task Network_info()
    {
        var json = await Plugin.GetAsync("network-info");
        json.GetProperty("chainId").GetInt64().ShouldBe(19031998);
        json.GetProperty("channel").GetString().ShouldBe("kalptantra");
        json.GetProperty("currency").GetString().ShouldBe("GINI");
        json.GetProperty("decimals").GetInt32().ShouldBe(18);
        json.GetProperty("height").GetInt64().ShouldBe(3000);
        json.GetProperty("latestBlockTime").GetString().ShouldBe(Plugin.Ledger.Latest!.Timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFK"));
    }

    [Fact]
    public async Task Channels()
    {
        var json = await Plugin.GetAsync("channels");
        AssertPage(json, 1, 20, 1);
        var channel = json.GetProperty("items")[0];
        channel.GetProperty("name").GetString().ShouldBe("kalptantra");
        channel.GetProperty("genesisBlockHash").GetString().ShouldBe(Plugin.Ledger.Blocks[0].Hash);
        channel.GetProperty("blocks").GetInt64().ShouldBe(3000);
        channel.GetProperty("transactions").GetInt64().ShouldBe(Plugin.Ledger.Transactions.Count);
        channel.GetProperty("createdAt").GetDateTime().ShouldBe(new DateTime(2024, 3, 19, 0, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task Blocks_pages_newest_first_and_filters_by_number()
    {
        var json = await Plugin.GetAsync("blocks", new { page = 1, size = 20 });
        AssertPage(json, 1, 20, 3000);
        Numbers(json).ShouldBe(Enumerable.Range(2980, 20).Reverse().Select(n => (long)n));

        json = await Plugin.GetAsync("blocks", new { from = 10, to = 14, page = 1, size = 3 });
        AssertPage(json, 1, 3, 5);
        Numbers(json).ShouldBe([14L, 13L, 12L]);
        Numbers(await Plugin.GetAsync("blocks", new { from = 10, to = 14, page = 2, size = 3 })).ShouldBe([11L, 10L]);
        Numbers(await Plugin.GetAsync("blocks", new { from = 10, to = 14, page = 3, size = 3 })).ShouldBeEmpty();
        (await Plugin.GetAsync("blocks", new { from = 2990 })).GetProperty("total").GetInt64().ShouldBe(10);
        (await Plugin.GetAsync("blocks", new { from = 5000 })).GetProperty("total").GetInt64().ShouldBe(0);

        var item = json.GetProperty("items")[0];
        item.GetProperty("hash").GetString().ShouldBe(Plugin.Ledger.Blocks[14].Hash);
        item.GetProperty("txCount").GetInt32().ShouldBe(Plugin.Ledger.Blocks[14].TxIds.Count);
        item.TryGetProperty("timestamp", out _).ShouldBeTrue();

        await AssertInvalid("blocks", new { from = 20, to = 10 }, "from");
        await AssertInvalid("blocks", new { size = 101 }, "size");
        await AssertInvalid("blocks", new { page = 0 }, "page");
    }

    [Fact]
    public async Task Latest_block()
    {
        var json = await Plugin.GetAsync("block-latest");
        json.GetProperty("number").GetInt64().ShouldBe(2999);
        json.GetProperty("hash").GetString().ShouldBe(Plugin.Ledger.Latest!.Hash);
        json.GetProperty("channel").GetString().ShouldBe("kalptantra");
    }

    [Fact]
    public async Task Block_by_number_and_by_hash()
    {
        var block = await Plugin.GetAsync("block", new { number = 4 });
        block.GetProperty("number").GetInt64().ShouldBe(4);
        foreach (var name in new[] { "hash", "previousHash", "dataHash", "timestamp", "channel", "txIds", "txCount" })
        {
            block.TryGetProperty(name, out _).ShouldBeTrue(name);
        }
        var hash = block.GetProperty("hash").GetString()!;
        (await Plugin.GetAsync("block-by-hash", new { hash })).ToString().ShouldBe(block.ToString());
        (await Plugin.GetAsync("block-by-hash", new { hash = hash.ToUpperInvariant() })).ToString().ShouldBe(block.ToString());

        (await Plugin.GetAsync("block", new { number = 0 })).GetProperty("previousHash").ValueKind.ShouldBe(JsonValueKind.Null);
        await AssertNotFound("block", new { number = 3000 }, "block_not_found");
        await AssertNotFound("block-by-hash", new { hash = UnknownHex64 }, "block_not_found");
        await AssertInvalid("block", new { number = -1 }, "number");
        await AssertInvalid("block-by-hash", new { hash = "abc" }, "hash");
    }

    [Fact]
    public async Task Block_transactions_in_block_order()
    {
        var block = Plugin.Ledger.Blocks.First(b => b.TxIds.Count >= 3);
        var json = await Plugin.GetAsync("block-transactions", new { number = block.Number, size = 2 });
        AssertPage(json, 1, 2, block.TxIds.Count);
        json.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("txId").GetString()).ShouldBe(block.TxIds.Take(2));
        var page2 = await Plugin.GetAsync("block-transactions", new { number = block.Number, page = 2, size = 2 });
        page2.GetProperty("items")[0].GetProperty("txId").GetString().ShouldBe(block.TxIds[2]);
        await AssertNotFound("block-transactions", new { number = 99999 }, "block_not_found");
    }

    [Fact]
    public async Task Transactions_filter_by_contract_address_status_and_time()
    {
        var all = await Plugin.GetAsync("transactions");
        AssertPage(all, 1, 20, Plugin.Ledger.Transactions.Count);
        all.GetProperty("items")[0].GetProperty("txId").GetString().ShouldBe(Plugin.Ledger.Transactions[^1].TxId);
        var summary = all.GetProperty("items")[0];
        foreach (var name in new[] { "txId", "blockNumber", "txIndex", "timestamp", "type", "contractId", "function", "creator", "status", "validationCode" })
        {
            summary.TryGetProperty(name, out _).ShouldBeTrue(name);
        }

        var ksd = Plugin.Ledger.State.Contracts.Single(c => c.Symbol == "KSD").ContractId;
        var byContract = await Plugin.GetAllAsync("transactions", page => new { page, size = 100, contract = ksd });
        byContract.Count.ShouldBe(Plugin.Ledger.Transactions.Count(t => t.ChaincodeName == ksd));
        byContract.ShouldAllBe(t => t.GetProperty("contractId").GetString() == ksd);

        var failed = await Plugin.GetAsync("transactions", new { status = "FAILED", size = 100 });
        failed.GetProperty("total").GetInt64().ShouldBe(Plugin.Ledger.Transactions.Count(t => !t.IsValid));
        failed.GetProperty("items").EnumerateArray().ShouldAllBe(t => t.GetProperty("status").GetString() == "FAILED");
        (await Plugin.GetAsync("transactions", new { status = "SUCCESS" })).GetProperty("total").GetInt64()
            .ShouldBe(Plugin.Ledger.Transactions.Count(t => t.IsValid));

        var from = Plugin.Ledger.Blocks[100].Timestamp;
        var to = Plugin.Ledger.Blocks[200].Timestamp;
        var window = await Plugin.GetAsync("transactions", new { from = from.ToString("O"), to = to.ToString("O") });
        window.GetProperty("total").GetInt64().ShouldBe(Plugin.Ledger.Transactions.Count(t => t.Timestamp >= from && t.Timestamp <= to));

        var address = Plugin.Ledger.State.Balances.First(b => b.Key.ContractId == Gini && b.Value > 0).Key.Address;
        var mine = await Plugin.GetAsync("transactions", new { address = address.ToUpperInvariant(), contract = Gini, size = 100 });
        mine.GetProperty("total").GetInt64().ShouldBeGreaterThan(0);
        mine.GetProperty("items").EnumerateArray().ShouldAllBe(t => t.GetProperty("contractId").GetString() == Gini);

        await AssertNotFound("transactions", new { contract = UnknownContract }, "contract_not_found");
        await AssertInvalid("transactions", new { from = to.ToString("O"), to = from.ToString("O") }, "from");
        await AssertInvalid("transactions", new { status = "PENDING" }, "status");
        await AssertInvalid("transactions", new { address = "0x" + address[2..] }, "address");
    }

    [Fact]
    public async Task Transaction_by_id()
    {
        var source = Plugin.Ledger.Transactions.First(t => t.Function == "Transfer" && t.IsValid);
        var json = await Plugin.GetAsync("transaction", new { txId = source.TxId.ToUpperInvariant() });
        json.GetProperty("txId").GetString().ShouldBe(source.TxId);
        json.GetProperty("channel").GetString().ShouldBe("kalptantra");
        json.GetProperty("type").GetString().ShouldBe("ENDORSER_TRANSACTION");
        json.GetProperty("creatorMspId").GetString().ShouldBe("KalpTantraMSP");
        json.GetProperty("creator").GetString().ShouldBe(source.Creator);
        json.GetProperty("contractId").GetString().ShouldBe(source.ChaincodeName);
        json.GetProperty("function").GetString().ShouldBe("Transfer");
        json.GetProperty("args").GetArrayLength().ShouldBe(2);
        json.GetProperty("readSet").GetArrayLength().ShouldBe(2);
        json.GetProperty("writeSet").GetArrayLength().ShouldBe(2);
        var payload = json.GetProperty("event").GetProperty("payload");
        payload.GetProperty("from").GetString().ShouldBe(source.Creator);
        payload.GetProperty("value").GetString().ShouldBe(source.Args[1]);
        json.GetProperty("validationCode").GetInt32().ShouldBe(0);
        json.GetProperty("validationCodeName").GetString().ShouldBe("VALID");
        json.GetProperty("status").GetString().ShouldBe("SUCCESS");

        var config = await Plugin.GetAsync("transaction", new { txId = Plugin.Ledger.Blocks[0].TxIds[0] });
        config.GetProperty("type").GetString().ShouldBe("CONFIG");
        config.GetProperty("contractId").ValueKind.ShouldBe(JsonValueKind.Null);

        var mvcc = Plugin.Ledger.Transactions.First(t => t.ValidationCode == 11);
        var failed = await Plugin.GetAsync("transaction", new { txId = mvcc.TxId });
        failed.GetProperty("validationCodeName").GetString().ShouldBe("MVCC_READ_CONFLICT");
        failed.GetProperty("status").GetString().ShouldBe("FAILED");

        await AssertNotFound("transaction", new { txId = UnknownHex64 }, "transaction_not_found");
        await AssertInvalid("transaction", new { txId = "xyz" }, "txId");
    }

    [Fact]
    public async Task Contracts_and_contract()
    {
        var json = await Plugin.GetAsync("contracts");
        AssertPage(json, 1, 20, 4);
        var items = json.GetProperty("items").EnumerateArray().ToArray();
        items.Select(c => c.GetProperty("name").GetString()).ShouldBe(["Carbon Credit Token", "Tantra Reward Points", "Kalp Stable Dollar", "GINI"]);
        items[0].GetProperty("contractId").GetString()!.ShouldMatch("^[A-Za-z0-9]{32}[0-9]{13}$");
        items[1].GetProperty("contractId").GetString()!.ShouldMatch("^klp-[a-f0-9]+-cc$");

        var filtered = await Plugin.GetAsync("contracts", new { name = "kalp" });
        filtered.GetProperty("total").GetInt64().ShouldBe(1);
        filtered.GetProperty("items")[0].GetProperty("symbol").GetString().ShouldBe("KSD");

        var gini = await Plugin.GetAsync("contract", new { contractId = Gini });
        gini.GetProperty("name").GetString().ShouldBe("GINI");
        gini.GetProperty("version").GetString().ShouldBe("1.0");
        gini.GetProperty("deployBlock").GetInt64().ShouldBe(3);
        gini.GetProperty("txCount").GetInt64().ShouldBe(Plugin.Ledger.Transactions.Count(t => t.ChaincodeName == Gini));
        gini.GetProperty("createdAt").GetDateTime().ShouldBeLessThan(gini.GetProperty("lastTxAt").GetDateTime());
        await AssertNotFound("contract", new { contractId = UnknownContract }, "contract_not_found");
    }

    [Fact]
    public async Task Token()
    {
        var json = await Plugin.GetAsync("token", new { contractId = Gini });
        json.GetProperty("name").GetString().ShouldBe("GINI");
        json.GetProperty("symbol").GetString().ShouldBe("GINI");
        json.GetProperty("decimals").GetInt32().ShouldBe(18);
        json.GetProperty("totalSupply").GetString().ShouldBe("2000000000000000000000000000");
        json.GetProperty("totalSupplyFormatted").GetString().ShouldBe("2000000000");
        json.GetProperty("holders").GetInt32().ShouldBeGreaterThan(50);
        await AssertNotFound("token", new { contractId = UnknownContract }, "contract_not_found");
    }

    [Fact]
    public async Task Balance_defaults_to_gini_and_formats_with_the_token_decimals()
    {
        var (key, value) = Plugin.Ledger.State.Balances.First(b => b.Key.ContractId == Gini && b.Value > 0);
        var json = await Plugin.GetAsync("balance", new { address = key.Address.ToUpperInvariant() });
        json.GetProperty("address").GetString().ShouldBe(key.Address);
        json.GetProperty("contractId").GetString().ShouldBe(Gini);
        json.GetProperty("symbol").GetString().ShouldBe("GINI");
        json.GetProperty("balance").GetString().ShouldBe(value.ToString());
        var formatted = json.GetProperty("formatted").GetString()!;
        decimal.Parse(formatted, System.Globalization.CultureInfo.InvariantCulture).ShouldBe((decimal)(double)value / 1e18m, tolerance: 1m);
        formatted.ShouldNotEndWith("0");

        var ksd = Plugin.Ledger.State.Contracts.Single(c => c.Symbol == "KSD");
        var owner = await Plugin.GetAsync("balance", new { address = ksd.Owner, contractId = ksd.ContractId });
        owner.GetProperty("symbol").GetString().ShouldBe("KSD");
        owner.GetProperty("decimals").GetInt32().ShouldBe(6);

        var nobody = await Plugin.GetAsync("balance", new { address = new string('a', 40) });
        (nobody.GetProperty("balance").GetString(), nobody.GetProperty("formatted").GetString()).ShouldBe(("0", "0"));
        await AssertNotFound("balance", new { address = key.Address, contractId = UnknownContract }, "contract_not_found");
        await AssertInvalid("balance", new { address = "0x" + key.Address[2..] }, "address");
    }

    [Fact]
    public async Task Account_transactions()
    {
        var address = Plugin.Ledger.State.Balances.First(b => b.Key.ContractId == Gini && b.Value > 0).Key.Address;
        var all = await Plugin.GetAllAsync("account-transactions", page => new { address, page, size = 100 });
        all.ShouldNotBeEmpty();
        var expected = Plugin.Ledger.Transactions
            .Where(t => t.Creator == address || (t.Event?.Payload.Any(p => p.Key != "value" && p.Value == address) ?? false))
            .Reverse().Select(t => t.TxId);
        all.Select(t => t.GetProperty("txId").GetString()).ShouldBe(expected);
        (await Plugin.GetAsync("account-transactions", new { address = new string('b', 40) })).GetProperty("total").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task Events_filter_by_contract_name_and_blocks()
    {
        var json = await Plugin.GetAsync("events");
        AssertPage(json, 1, 20, Plugin.Ledger.Transactions.Count(t => t.IsValid && t.Event is not null));
        var first = json.GetProperty("items")[0];
        foreach (var name in new[] { "txId", "blockNumber", "contractId", "name", "payload", "timestamp" })
        {
            first.TryGetProperty(name, out _).ShouldBeTrue(name);
        }

        var approvals = await Plugin.GetAsync("events", new { contractId = Gini, name = "Approval", fromBlock = 100, toBlock = 1500, size = 100 });
        approvals.GetProperty("total").GetInt64().ShouldBeGreaterThan(0);
        foreach (var e in approvals.GetProperty("items").EnumerateArray())
        {
            e.GetProperty("name").GetString().ShouldBe("Approval");
            e.GetProperty("contractId").GetString().ShouldBe(Gini);
            e.GetProperty("blockNumber").GetInt64().ShouldBeInRange(100, 1500);
            e.GetProperty("payload").EnumerateObject().Select(p => p.Name).ShouldBe(["owner", "spender", "value"]);
        }
        (await Plugin.GetAsync("events", new { name = "Burn" })).GetProperty("total").GetInt64().ShouldBe(0);
        await AssertNotFound("events", new { contractId = UnknownContract }, "contract_not_found");
        await AssertInvalid("events", new { fromBlock = 10, toBlock = 5 }, "fromBlock");
    }

    [Fact]
    public async Task Chaincode_analytics()
    {
        var json = await Plugin.GetAsync("analytics-chaincode");
        var items = json.GetProperty("items").EnumerateArray().ToArray();
        items.Length.ShouldBe(4);
        foreach (var item in items)
        {
            var id = item.GetProperty("contractId").GetString();
            item.GetProperty("transactionCount").GetInt64().ShouldBe(Plugin.Ledger.Transactions.Count(t => t.ChaincodeName == id));
            item.GetProperty("failedCount").GetInt64().ShouldBe(Plugin.Ledger.Transactions.Count(t => t.ChaincodeName == id && !t.IsValid));
            (item.GetProperty("successfulCount").GetInt64() + item.GetProperty("failedCount").GetInt64()).ShouldBe(item.GetProperty("transactionCount").GetInt64());
        }
        json.GetProperty("totalTransactions").GetInt64().ShouldBe(items.Sum(i => i.GetProperty("transactionCount").GetInt64()));

        var from = Plugin.Ledger.Blocks[500].Timestamp;
        var to = Plugin.Ledger.Blocks[900].Timestamp;
        var gini = await Plugin.GetAsync("analytics-chaincode", new { smartContractName = "gini", from = from.ToString("O"), to = to.ToString("O") });
        var only = gini.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        only.GetProperty("smartContractName").GetString().ShouldBe("GINI");
        only.GetProperty("transactionCount").GetInt64()
            .ShouldBe(Plugin.Ledger.Transactions.Count(t => t.ChaincodeName == Gini && t.Timestamp >= from && t.Timestamp <= to));
        gini.GetProperty("smartContractName").GetString().ShouldBe("gini");

        (await Plugin.GetAsync("analytics-chaincode", new { smartContractName = Gini })).GetProperty("items").GetArrayLength().ShouldBe(1);
        await AssertNotFound("analytics-chaincode", new { smartContractName = "nope" }, "contract_not_found");
        await AssertInvalid("analytics-chaincode", new { from = to.ToString("O"), to = from.ToString("O") }, "from");
    }

    [Fact]
    public async Task Unknown_api_and_network_are_not_found()
    {
        await AssertNotFound("no-such-api", null, "api_not_found");
        var result = await Plugin.Plugin.ExecuteAsync(new ApiCall("mainnet", "network-info", new Dictionary<string, string>(), null), CancellationToken.None);
        result.Error.ShouldNotBeNull().Code.ShouldBe("network_not_found");
    }

    internal async Task AssertNotFound(string apiId, object? parameters, string code, string? body = null)
    {
        var result = await Plugin.CallAsync(apiId, parameters, body);
        var error = result.Error.ShouldNotBeNull();
        (error.Status, error.Code).ShouldBe((404, code));
        error.Detail.ShouldNotBeNullOrWhiteSpace();
    }

    internal async Task AssertInvalid(string apiId, object? parameters, string field, string? body = null)
    {
        var result = await Plugin.CallAsync(apiId, parameters, body);
        var error = result.Error.ShouldNotBeNull();
        (error.Status, error.Code).ShouldBe((400, "validation_failed"));
        error.Errors.ShouldNotBeNull().Keys.ShouldContain(field);
    }

    private static void AssertPage(JsonElement json, int page, int size, long total)
    {
        json.GetProperty("page").GetInt32().ShouldBe(page);
        json.GetProperty("size").GetInt32().ShouldBe(size);
        json.GetProperty("total").GetInt64().ShouldBe(total);
        json.GetProperty("items").GetArrayLength().ShouldBeLessThanOrEqualTo(size);
    }

    private static IEnumerable<long> Numbers(JsonElement json) =>
        json.GetProperty("items").EnumerateArray().Select(b => b.GetProperty("number").GetInt64()).ToArray();
}
