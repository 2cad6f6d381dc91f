using System.Globalization;
using System.Text.Json;
using KsQuery.Plugins.KalpDlt.Ledger;
using Shouldly;

namespace KalpDlt.Tests;

/// <summary>The checks clients make, over the whole default history, through the APIs.</summary>
[Collection(DefaultLedgerCollection.Name)]
public sealed class LedgerInvariantTests(DefaultLedgerFixture fixture)
{
    private const string Gini = "klp-f02611a93e-cc";
    private static readonly UInt128 GiniSupply = UInt128.Parse("2000000000000000000000000000", CultureInfo.InvariantCulture);

    private PluginHarness Plugin => fixture.Harness;

    // The generation time of this history is a bench/run figure (first start on a fresh data directory).
    [Fact]
    public async Task Default_history_has_3000_blocks()
    {
        var info = await Plugin.GetAsync("network-info");
        info.GetProperty("height").GetInt64().ShouldBe(3000);
        info.GetProperty("latestBlockNumber").GetInt64().ShouldBe(2999);
    }

    [Fact]
    public async Task Blocks_chain_by_hash_and_their_hashes_recompute()
    {
        var blocks = await Plugin.GetAllAsync("blocks", page => new { page, size = 100 });
        blocks.Count.ShouldBe(3000);
        blocks.Select(b => b.GetProperty("number").GetInt64()).ShouldBe(Enumerable.Range(0, 3000).Reverse().Select(n => (long)n));

        string? previousHash = null;
        for (var number = 0; number < 3000; number++)
        {
            var block = await Plugin.GetAsync("block", new { number });
            var hash = block.GetProperty("hash").GetString()!;
            var dataHash = block.GetProperty("dataHash").GetString()!;
            var txIds = block.GetProperty("txIds").EnumerateArray().Select(t => t.GetString()!).ToArray();
            block.GetProperty("previousHash").ValueKind.ShouldBe(number == 0 ? JsonValueKind.Null : JsonValueKind.String);
            if (number > 0)
            {
                block.GetProperty("previousHash").GetString().ShouldBe(previousHash);
            }
            block.GetProperty("txCount").GetInt32().ShouldBe(txIds.Length);
            txIds.ShouldNotBeEmpty();
            dataHash.ShouldBe(BlockHasher.DataHash(txIds));
            hash.ShouldBe(BlockHasher.HeaderHash(number, previousHash, dataHash));
            hash.ShouldMatch("^[0-9a-f]{64}$");
            blocks[2999 - number].GetProperty("hash").GetString().ShouldBe(hash);
            blocks[2999 - number].GetProperty("txCount").GetInt32().ShouldBe(txIds.Length);
            previousHash = hash;
        }
    }

    [Fact]
    public async Task Every_transaction_found_by_id_is_in_the_block_it_names()
    {
        var summaries = await Plugin.GetAllAsync("transactions", page => new { page, size = 100 });
        summaries.Count.ShouldBe(Plugin.Ledger.Transactions.Count);
        var blockTxIds = new Dictionary<long, string[]>();
        foreach (var summary in summaries.Where((_, i) => i % 7 == 0))
        {
            var txId = summary.GetProperty("txId").GetString()!;
            var tx = await Plugin.GetAsync("transaction", new { txId });
            var number = tx.GetProperty("blockNumber").GetInt64();
            if (!blockTxIds.TryGetValue(number, out var ids))
            {
                var block = await Plugin.GetAsync("block", new { number });
                blockTxIds[number] = ids = block.GetProperty("txIds").EnumerateArray().Select(t => t.GetString()!).ToArray();
                tx.GetProperty("blockHash").GetString().ShouldBe(block.GetProperty("hash").GetString());
            }
            ids[tx.GetProperty("txIndex").GetInt32()].ShouldBe(txId);
            tx.GetProperty("status").GetString().ShouldBe(tx.GetProperty("validationCode").GetInt32() == 0 ? "SUCCESS" : "FAILED");
        }
        // The whole history, without the API round trips.
        var blocks = Plugin.Ledger.Blocks.ToDictionary(b => b.Number);
        foreach (var tx in Plugin.Ledger.Transactions)
        {
            blocks[tx.BlockNumber].TxIds[tx.TxIndex].ShouldBe(tx.TxId);
        }
        blocks.Values.Sum(b => b.TxIds.Count).ShouldBe(Plugin.Ledger.Transactions.Count);
    }

    [Fact]
    public async Task Every_balance_is_the_sum_of_valid_transfer_and_mint_events()
    {
        var expected = new Dictionary<(string Contract, string Address), UInt128>();
        foreach (var tx in Plugin.Ledger.Transactions.Where(t => t.IsValid && t.Event is not null))
        {
            var e = tx.Event!;
            var value = UInt128.Parse(e.Get("value") ?? "0", CultureInfo.InvariantCulture);
            switch (e.Name)
            {
                case "Mint":
                    Credit(tx.ChaincodeName!, e.Get("account")!, value);
                    break;
                case "Transfer":
                    Debit(tx.ChaincodeName!, e.Get("from")!, value);
                    Credit(tx.ChaincodeName!, e.Get("to")!, value);
                    break;
            }
        }

        // The events API serves exactly the valid events, so a client summing it gets the same totals.
        var events = await Plugin.GetAllAsync("events", page => new { page, size = 100 });
        events.Count.ShouldBe(Plugin.Ledger.Transactions.Count(t => t.IsValid && t.Event is not null));
        var fromApi = new Dictionary<(string, string), UInt128>();
        foreach (var e in Enumerable.Reverse(events)) // newest first: replay oldest first
        {
            var contract = e.GetProperty("contractId").GetString()!;
            var payload = e.GetProperty("payload");
            var value = UInt128.Parse(payload.GetProperty("value").GetString()!, CultureInfo.InvariantCulture);
            switch (e.GetProperty("name").GetString())
            {
                case "Mint":
                    Add(fromApi, (contract, payload.GetProperty("account").GetString()!), value);
                    break;
                case "Transfer":
                    var from = (contract, payload.GetProperty("from").GetString()!);
                    fromApi[from] = fromApi[from] - value;
                    Add(fromApi, (contract, payload.GetProperty("to").GetString()!), value);
                    break;
            }
        }
        fromApi.ShouldBe(expected, ignoreOrder: true);

        foreach (var ((contract, address), balance) in expected)
        {
            var json = await Plugin.GetAsync("balance", new { address, contractId = contract });
            json.GetProperty("balance").GetString().ShouldBe(balance.ToString(CultureInfo.InvariantCulture), $"{contract} {address}");
        }
        Plugin.Ledger.State.Balances.Where(b => b.Value > 0).Count().ShouldBe(expected.Count(e => e.Value > 0));

        var giniSum = expected.Where(e => e.Key.Contract == Gini).Aggregate(UInt128.Zero, (sum, e) => sum + e.Value);
        giniSum.ShouldBe(GiniSupply);
        var token = await Plugin.GetAsync("token", new { contractId = Gini });
        token.GetProperty("totalSupply").GetString().ShouldBe("2000000000000000000000000000");
        foreach (var contract in expected.Keys.Select(k => k.Contract).Distinct())
        {
            var supply = (await Plugin.GetAsync("token", new { contractId = contract })).GetProperty("totalSupply").GetString();
            supply.ShouldBe(expected.Where(e => e.Key.Contract == contract).Aggregate(UInt128.Zero, (sum, e) => sum + e.Value).ToString(CultureInfo.InvariantCulture));
        }

        void Credit(string contract, string address, UInt128 value) => Add(expected, (contract, address), value);

        void Debit(string contract, string address, UInt128 value)
        {
            var current = expected.GetValueOrDefault((contract, address));
            current.ShouldBeGreaterThanOrEqualTo(value, "a valid transfer never overdraws");
            expected[(contract, address)] = current - value;
        }
    }

    [Fact]
    public async Task The_initial_gini_allocation_is_minted_and_nothing_else_mints_gini()
    {
        var mints = await Plugin.GetAllAsync("events", page => new { page, size = 100, contractId = Gini, name = "Mint" });
        mints.Count.ShouldBe(4);
        mints.ShouldAllBe(m => m.GetProperty("blockNumber").GetInt64() == 4);
        mints.Select(m => UInt128.Parse(m.GetProperty("payload").GetProperty("value").GetString()!, CultureInfo.InvariantCulture))
            .Aggregate(UInt128.Zero, (a, b) => a + b).ShouldBe(GiniSupply);
        var first = await Plugin.GetAsync("transaction", new { txId = mints[^1].GetProperty("txId").GetString() });
        first.GetProperty("function").GetString().ShouldBe("Mint");
        first.GetProperty("event").GetProperty("name").GetString().ShouldBe("Mint");
    }

    [Fact]
    public void The_history_holds_config_blocks_deployments_approvals_and_invalid_transactions()
    {
        var transactions = Plugin.Ledger.Transactions;
        transactions.Count(t => t.Type == "CONFIG").ShouldBe(5); // blocks 0, 1, 2, 1000, 2000
        transactions.Where(t => t.ChaincodeName == "_lifecycle").Select(t => t.Function).ShouldAllBe(f => f == "CommitChaincodeDefinition");
        Plugin.Ledger.State.Contracts.Count.ShouldBe(4);
        transactions.Count(t => t.Event?.Name == "Approval" && t.IsValid).ShouldBeGreaterThan(50);
        transactions.Count(t => t.Function == "TransferFrom" && t.IsValid).ShouldBeGreaterThan(10);
        var invalid = transactions.Where(t => !t.IsValid).ToArray();
        invalid.Select(t => t.ValidationCode).Distinct().Order().ShouldBe([10, 11, 12, 255]);
        invalid.Length.ShouldBeLessThan(transactions.Count / 5);
        transactions.Count.ShouldBeGreaterThan(8000);
        // Timestamps are fixed and move forward.
        Plugin.Ledger.Blocks[0].Timestamp.ShouldBe(new DateTimeOffset(2024, 3, 19, 0, 0, 0, TimeSpan.Zero));
        Plugin.Ledger.Blocks.Zip(Plugin.Ledger.Blocks.Skip(1)).ShouldAllBe(p => p.Second.Timestamp > p.First.Timestamp);
        // Addresses are stored lower-case.
        Plugin.Ledger.State.Balances.Keys.ShouldAllBe(k => System.Text.RegularExpressions.Regex.IsMatch(k.Address, "^[0-9a-f]{40}$"));
    }

    [Fact]
    public async Task Invalid_transactions_change_nothing()
    {
        var failed = await Plugin.GetAllAsync("transactions", page => new { page, size = 100, status = "FAILED" });
        failed.Count.ShouldBe(Plugin.Ledger.Transactions.Count(t => !t.IsValid));
        var sample = failed.First(f => f.GetProperty("function").GetString() == "Transfer");
        var tx = await Plugin.GetAsync("transaction", new { txId = sample.GetProperty("txId").GetString() });
        tx.GetProperty("validationCodeName").GetString().ShouldNotBe("VALID");
        var events = await Plugin.GetAllAsync("events", page => new { page, size = 100, fromBlock = tx.GetProperty("blockNumber").GetInt64(), toBlock = tx.GetProperty("blockNumber").GetInt64() });
        events.ShouldNotContain(e => e.GetProperty("txId").GetString() == sample.GetProperty("txId").GetString());
    }

    private static void Add(Dictionary<(string, string), UInt128> balances, (string, string) key, UInt128 value) =>
        balances[key] = balances.GetValueOrDefault(key) + value;
}
