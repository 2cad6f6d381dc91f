using System.Globalization;
using KsQuery.Plugins.Abstractions;
using KsQuery.Shared;
using LiteDB;

namespace KsQuery.Plugins.KalpDlt.Ledger;

/// <summary>The persistent copy of the local ledger: one LiteDB file in the plugin's data directory.</summary>
internal sealed class LedgerStore : ITransactionArchive, IDisposable
{
    public const string FileName = "kalp-testnet.db";
    private const int FormatVersion = 1;

    private readonly LiteDatabase _db;
    private readonly ILiteCollection<BsonDocument> _blocks;
    private readonly ILiteCollection<BsonDocument> _transactions;
    private readonly ILiteCollection<BsonDocument> _events;
    private readonly ILiteCollection<BsonDocument> _contracts;
    private readonly ILiteCollection<BsonDocument> _balances;
    private readonly ILiteCollection<BsonDocument> _allowances;
    private readonly ILiteCollection<BsonDocument> _meta;

    private LedgerStore(LiteDatabase db)
    {
        _db = db;
        _blocks = db.GetCollection("blocks");
        _transactions = db.GetCollection("transactions");
        _events = db.GetCollection("events");
        _contracts = db.GetCollection("contracts");
        _balances = db.GetCollection("balances");
        _allowances = db.GetCollection("allowances");
        _meta = db.GetCollection("meta");
    }

    /// <summary>Opens the ledger file of <paramref name="directory"/>. A file that is not a whole LiteDB file (LiteDB would
    /// start an empty database over it) is moved aside unchanged, with a warning, and a new ledger is generated from the
    /// seed: the ledger is regenerable, so it does not stop the plugin, but its bytes are never overwritten.</summary>
    public static LedgerStore Open(string directory, TimeProvider time, Action<PluginLogLevel, string> log)
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, FileName);
        if (LiteDbFileCheck.Damage(file) is { } damage)
        {
            MoveAside(file, damage, time, log);
        }
        var connection = new ConnectionString
        {
            Filename = file,
            Connection = ConnectionType.Direct,
        };
        return new LedgerStore(new LiteDatabase(connection));
    }

    private static void MoveAside(string file, string damage, TimeProvider time, Action<PluginLogLevel, string> log)
    {
        var suffix = ".damaged-" + time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var aside = file + suffix;
        File.Move(file, aside);
        var journal = LiteDbFileCheck.LogFile(file);
        if (File.Exists(journal))
        {
            File.Move(journal, journal + suffix);
        }
        log(PluginLogLevel.Warning, $"The ledger file {file} is damaged ({damage}): moved it to {aside} unchanged and generating " +
            "the ledger again from its seed. Delete the moved file when it is no longer needed.");
    }

    /// <summary>The seed the stored ledger was generated from, or null when nothing complete is stored.</summary>
    public long? StoredSeed => _meta.FindById("ledger") is { } meta ? meta["seed"].AsInt64 : null;

    /// <summary>Whether the store holds exactly the chain a snapshot describes: same seed, height and latest hash.</summary>
    public bool Holds(LedgerSnapshot.Header header) =>
        StoredSeed == header.Seed
        && _blocks.FindById(header.Height - 1) is { } latest && latest["hash"].AsString == header.LatestHash
        && _blocks.FindById(header.Height) is null;

    /// <summary>Writes a whole generated history in one transaction, the marker document last.</summary>
    public void SaveHistory(LocalLedger ledger, long seed)
    {
        var transactions = ledger.Transactions;
        var state = ledger.State;
        // Created with the history: the plugin reads whole collections or by _id, so opening an existing file skips them.
        EnsureIndexes();
        InTransaction(() =>
        {
            // A previous run may have died before its commit left the marker: start from clean collections.
            foreach (var name in new[] { "blocks", "transactions", "events", "contracts", "balances", "allowances" })
            {
                _db.GetCollection(name).DeleteAll();
            }
            _blocks.InsertBulk(ledger.Blocks.Select(LedgerBson.FromBlock));
            _transactions.InsertBulk(transactions.Select(LedgerBson.FromTransaction));
            _events.InsertBulk(transactions.Where(t => t.IsValid && t.Event is not null).Select(LedgerBson.FromEventOf));
            _contracts.InsertBulk(state.Contracts.Select(c => LedgerBson.FromContract(c, state.Supply(c.ContractId))));
            _balances.InsertBulk(state.Balances.Select(b => LedgerBson.FromBalance(b.Key, b.Value)));
            _allowances.InsertBulk(state.Allowances.Select(a => LedgerBson.FromAllowance(a.Key, a.Value)));
            _meta.Upsert(new BsonDocument
            {
                ["_id"] = "ledger",
                ["seed"] = seed,
                ["format"] = FormatVersion,
                ["blockHash"] = "sha256(der(number, previousHash, dataHash)); dataHash = sha256(concat(txId bytes))",
            });
        });
    }

    /// <summary>Persists one live block and the state it changed, in one transaction.</summary>
    public void Append(BuiltBlock built, LedgerState stateBefore)
    {
        InTransaction(() =>
        {
            _blocks.Insert(LedgerBson.FromBlock(built.Block));
            _transactions.InsertBulk(built.Transactions.Select(LedgerBson.FromTransaction));
            _events.InsertBulk(built.Transactions.Where(t => t.IsValid && t.Event is not null).Select(LedgerBson.FromEventOf));
            foreach (var contractId in built.NewContracts.Select(c => c.ContractId).Union(built.Supplies.Keys))
            {
                var contract = built.NewContracts.FirstOrDefault(c => c.ContractId == contractId) ?? stateBefore.Contract(contractId);
                if (contract is not null)
                {
                    var supply = built.Supplies.TryGetValue(contractId, out var s) ? s : stateBefore.Supply(contractId);
                    _contracts.Upsert(LedgerBson.FromContract(contract, supply));
                }
            }
            _balances.Upsert(built.Balances.Select(b => LedgerBson.FromBalance(b.Key, b.Value)));
            _allowances.Upsert(built.Allowances.Select(a => LedgerBson.FromAllowance(a.Key, a.Value)));
        });
    }

    public LedgerTransaction? FindTransaction(string txId) =>
        _transactions.FindById(txId) is { } doc ? LedgerBson.ToTransaction(doc) : null;

    public IReadOnlyList<LedgerTransaction> AllTransactions()
    {
        var transactions = _transactions.FindAll().Select(LedgerBson.ToTransaction).ToList();
        transactions.Sort(static (a, b) => a.BlockNumber != b.BlockNumber ? a.BlockNumber.CompareTo(b.BlockNumber) : a.TxIndex.CompareTo(b.TxIndex));
        return transactions;
    }

    /// <summary>Reads the whole ledger into <paramref name="ledger"/>.</summary>
    public void LoadInto(LocalLedger ledger)
    {
        var blocks = _blocks.FindAll().Select(LedgerBson.ToBlock).ToList();
        var transactions = AllTransactions();
        var contracts = _contracts.FindAll().Select(LedgerBson.ToContract).OrderBy(c => c.Contract.DeployBlock).ToList();
        ledger.Restore(
            blocks,
            transactions,
            contracts.Select(c => c.Contract),
            contracts.Select(c => new KeyValuePair<string, UInt128>(c.Contract.ContractId, c.TotalSupply)),
            _balances.FindAll().Select(LedgerBson.ToBalance).ToList(),
            _allowances.FindAll().Select(LedgerBson.ToAllowance).ToList());
    }

    public void Dispose() => _db.Dispose();

    private void EnsureIndexes()
    {
        _blocks.EnsureIndex("hash", unique: true);
        _transactions.EnsureIndex("block");
        _transactions.EnsureIndex("chaincode");
        _transactions.EnsureIndex("creator");
        _events.EnsureIndex("block");
        _events.EnsureIndex("contract");
        _events.EnsureIndex("name");
        _balances.EnsureIndex("address");
        _balances.EnsureIndex("contract");
        _allowances.EnsureIndex("owner");
    }

    private void InTransaction(Action write)
    {
        _db.BeginTrans();
        try
        {
            write();
            _db.Commit();
        }
        catch
        {
            _db.Rollback();
            throw;
        }
    }
}
