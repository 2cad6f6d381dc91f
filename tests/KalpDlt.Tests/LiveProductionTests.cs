using System.Globalization;
using KsQuery.Plugins.KalpDlt.Ledger;
using Shouldly;

namespace KalpDlt.Tests;

public sealed class LiveProductionTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public async Task A_block_is_appended_every_interval_and_persisted()
    {
        using var directory = new TestDirectory();
        var time = new ManualTimeProvider(Now);
        string latestHash;
        await using (var plugin = await PluginHarness.StartAsync(directory.Path, blocks: 40, intervalSeconds: 5, time: time))
        {
            var producer = plugin.Plugin.TestNet!.Producer.ShouldNotBeNull();
            var produced = new List<LedgerBlock>();
            for (var i = 0; i < 3; i++)
            {
                var next = new TaskCompletionSource<LedgerBlock>(TaskCreationOptions.RunContinuationsAsynchronously);
                producer.BlockProduced += next.SetResult;
                time.Advance(TimeSpan.FromSeconds(4));
                next.Task.IsCompleted.ShouldBeFalse();
                time.Advance(TimeSpan.FromSeconds(1));
                produced.Add(await next.Task.WaitAsync(TimeSpan.FromSeconds(10)));
                producer.BlockProduced -= next.SetResult;
            }

            produced.Select(b => b.Number).ShouldBe([40L, 41L, 42L]);
            produced.Select(b => b.Timestamp).ShouldBe([Now.AddSeconds(5), Now.AddSeconds(10), Now.AddSeconds(15)]);
            var latest = await plugin.GetAsync("block-latest");
            latest.GetProperty("number").GetInt64().ShouldBe(42);
            latest.GetProperty("previousHash").GetString().ShouldBe(produced[1].Hash);
            (await plugin.GetAsync("network-info")).GetProperty("height").GetInt64().ShouldBe(43);
            foreach (var txId in produced[2].TxIds)
            {
                (await plugin.GetAsync("transaction", new { txId })).GetProperty("blockNumber").GetInt64().ShouldBe(42);
            }
            latestHash = produced[2].Hash;
        }

        // Stopped on dispose: advancing the clock does nothing; the new blocks were written to LiteDB.
        time.Advance(TimeSpan.FromMinutes(1));
        await using var reopened = await PluginHarness.StartAsync(directory.Path);
        reopened.Ledger.Latest!.Hash.ShouldBe(latestHash);
        reopened.Ledger.Latest.Number.ShouldBe(42);
    }

    [Fact]
    public async Task Live_blocks_keep_every_invariant_across_a_restart()
    {
        using var directory = new TestDirectory();
        var time = new ManualTimeProvider(Now);
        // Starting at 140 blocks lets live production deploy and initialize the CCT contract (blocks 150 and 151).
        await using (var plugin = await PluginHarness.StartAsync(directory.Path, blocks: 140, intervalSeconds: 3, time: time))
        {
            var producer = plugin.Plugin.TestNet!.Producer!;
            for (var i = 0; i < 30; i++)
            {
                producer.ProduceNext();
            }
            plugin.Ledger.Latest!.Number.ShouldBe(169);
            plugin.Ledger.State.Contracts.Count.ShouldBe(4);
            AssertInvariants(plugin.Ledger);
        }
        await using var reopened = await PluginHarness.StartAsync(directory.Path, intervalSeconds: 3, time: time);
        reopened.Ledger.Latest!.Number.ShouldBe(169);
        AssertInvariants(reopened.Ledger);
        var cct = reopened.Ledger.State.Contracts.Single(c => c.Symbol == "CCT");
        (await reopened.GetAsync("token", new { contractId = cct.ContractId })).GetProperty("totalSupply").GetString()
            .ShouldBe(TokenAmount.ToText(reopened.Ledger.State.Supply(cct.ContractId)));
        for (var i = 0; i < 10; i++)
        {
            reopened.Plugin.TestNet!.Producer!.ProduceNext();
        }
        AssertInvariants(reopened.Ledger);
    }

    [Fact]
    public async Task No_producer_without_an_interval()
    {
        using var directory = new TestDirectory();
        await using var plugin = await PluginHarness.StartAsync(directory.Path, blocks: 10);
        plugin.Plugin.TestNet!.Producer.ShouldBeNull();
    }

    private static void AssertInvariants(LocalLedger ledger)
    {
        string? previous = null;
        var transactions = ledger.Transactions.ToDictionary(t => t.TxId);
        foreach (var block in ledger.Blocks)
        {
            block.PreviousHash.ShouldBe(previous);
            block.DataHash.ShouldBe(BlockHasher.DataHash(block.TxIds));
            block.Hash.ShouldBe(BlockHasher.HeaderHash(block.Number, block.PreviousHash, block.DataHash));
            for (var i = 0; i < block.TxIds.Count; i++)
            {
                (transactions[block.TxIds[i]].BlockNumber, transactions[block.TxIds[i]].TxIndex).ShouldBe((block.Number, i));
            }
            previous = block.Hash;
        }
        var balances = new Dictionary<BalanceKey, UInt128>();
        foreach (var tx in ledger.Transactions.Where(t => t.IsValid && t.Event is { Name: "Transfer" or "Mint" }))
        {
            var value = UInt128.Parse(tx.Event!.Get("value")!, CultureInfo.InvariantCulture);
            if (tx.Event.Name == "Mint")
            {
                Add(new BalanceKey(tx.ChaincodeName!, tx.Event.Get("account")!), value);
            }
            else
            {
                Add(new BalanceKey(tx.ChaincodeName!, tx.Event.Get("from")!), UInt128.Zero - value);
                Add(new BalanceKey(tx.ChaincodeName!, tx.Event.Get("to")!), value);
            }
        }
        foreach (var (key, value) in balances)
        {
            ledger.State.Balance(key).ShouldBe(value, key.ToString());
        }
        ledger.State.Balances.Count.ShouldBe(balances.Count);
        foreach (var contract in ledger.State.Contracts)
        {
            balances.Where(b => b.Key.ContractId == contract.ContractId).Aggregate(UInt128.Zero, (s, b) => s + b.Value)
                .ShouldBe(ledger.State.Supply(contract.ContractId));
        }

        void Add(BalanceKey key, UInt128 delta) => balances[key] = balances.GetValueOrDefault(key) + delta; // wraps back for debits
    }
}
