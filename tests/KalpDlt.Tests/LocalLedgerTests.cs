using System.Runtime.CompilerServices;
using KsQuery.Plugins.KalpDlt.Ledger;
using Shouldly;

namespace KalpDlt.Tests;

/// <summary>The ledger keeps blocks, state and a small entry per transaction in memory; whole transactions are read from
/// the ledger file when an answer shows them (issue 20: a long chain's cold parts cost disk, not memory).</summary>
public sealed class LocalLedgerTests
{
    [Fact]
    public async Task A_transaction_answered_is_not_kept_in_memory_by_the_ledger()
    {
        using var directory = new TestDirectory();
        await using var harness = await PluginHarness.StartAsync(directory.Path, blocks: 200);
        var answered = await AnswerAndForgetAsync(harness.Ledger);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        answered.IsAlive.ShouldBeFalse("the ledger still references a whole transaction it answered");
    }

    [Fact]
    public async Task Answers_read_from_the_ledger_file_equal_those_of_the_history_in_memory()
    {
        using var directory = new TestDirectory();
        var ledger = new LocalLedger();
        HistoryGenerator.Generate(ledger, new LedgerSchedule(7), 300, CancellationToken.None);
        var inMemory = await DescribeAsync(ledger);
        var all = ledger.Transactions.Select(Text).ToArray();

        using var store = LedgerStore.Open(directory.Path, TimeProvider.System, (_, _) => { });
        store.SaveHistory(ledger, 7);
        ledger.KeepTransactionsIn(store);

        (await DescribeAsync(ledger)).ShouldBe(inMemory);
        ledger.Transactions.Select(Text).ShouldBe(all);
    }

    /// <summary>Every reader that answers whole transactions, with and without filters, as text.</summary>
    private static async Task<List<string>> DescribeAsync(LocalLedger ledger)
    {
        var none = CancellationToken.None;
        var lines = new List<string>();
        void Add(string name, IEnumerable<LedgerTransaction> transactions, long? total = null) =>
            lines.Add($"{name} ({total}): " + string.Join("\n", transactions.Select(Text)));
        var head = await ledger.GetHeadAsync(none);
        var sample = (await ledger.GetTransactionsAsync(new TransactionFilter(), new PageRequest(3, 7), none)).Items[0];
        var contract = sample.ChaincodeName;
        var address = sample.Creator;
        foreach (var (name, filter) in new (string, TransactionFilter)[]
        {
            ("all", new TransactionFilter()),
            ("contract", new TransactionFilter(ContractId: contract)),
            ("address", new TransactionFilter(Address: address)),
            ("failed", new TransactionFilter(Valid: false)),
            ("window", new TransactionFilter(From: head.Genesis.Timestamp.AddHours(1), To: head.Latest.Timestamp.AddHours(-1))),
        })
        {
            for (var page = 1; page <= 3; page++)
            {
                var result = await ledger.GetTransactionsAsync(filter, new PageRequest(page, 9), none);
                Add($"transactions {name} page {page}", result.Items, result.Total);
            }
        }
        var events = await ledger.GetEventsAsync(new EventFilter(), new PageRequest(2, 11), none);
        Add("events", events.Items, events.Total);
        var transfers = await ledger.GetEventsAsync(new EventFilter(Name: KrcEvents.Transfer, FromBlock: 50), new PageRequest(1, 11), none);
        Add("transfers", transfers.Items, transfers.Total);
        foreach (var number in new long[] { 0, 1, 150, head.Latest.Number })
        {
            var block = (await ledger.GetBlockTransactionsAsync(number, new PageRequest(1, 50), none))!;
            Add($"block {number}", block.Items, block.Total);
            foreach (var txId in (await ledger.GetBlockAsync(number, none))!.TxIds)
            {
                Add($"by id {txId}", [(await ledger.GetTransactionAsync(txId, none))!]);
            }
        }
        var contracts = await ledger.GetContractsAsync(null, new PageRequest(1, 100), none);
        lines.AddRange(contracts.Items.Select(c => $"contract {c.Contract.ContractId} {c.TxCount} {c.LastTxAt} {c.TotalSupply} {c.Holders}"));
        var activity = await ledger.GetChaincodeActivityAsync(null, head.Genesis.Timestamp.AddHours(1), null, none);
        lines.AddRange(activity.Select(a => $"activity {a.Contract.ContractId} {a.Transactions} {a.Successful} {a.Failed}"));
        lines.Add($"head {head.Height} {head.TransactionCount}");
        return lines;
    }

    private static string Text(LedgerTransaction tx) =>
        string.Join('|', tx.TxId, tx.BlockNumber, tx.TxIndex, tx.Timestamp.ToUnixTimeMilliseconds(), tx.Type, tx.CreatorMspId, tx.Creator,
            tx.ChaincodeName, tx.Function, string.Join(',', tx.Args), string.Join(',', tx.ReadSet), string.Join(',', tx.WriteSet),
            tx.Event is null ? "" : tx.Event.Name + string.Join(',', tx.Event.Payload), tx.ValidationCode);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> AnswerAndForgetAsync(LocalLedger ledger)
    {
        var head = await ledger.GetHeadAsync(CancellationToken.None);
        var tx = await ledger.GetTransactionAsync(head.Latest.TxIds[0], CancellationToken.None);
        tx.ShouldNotBeNull();
        return new WeakReference(tx);
    }
}
