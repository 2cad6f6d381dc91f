namespace KsQuery.Plugins.KalpDlt.Ledger;

/// <summary>The in-memory view of the local Test Net ledger (LiteDB is the persistent copy): blocks, the world state,
/// and per transaction only a <see cref="TxEntry"/> with the indexes over them. Whole transactions stay in memory only
/// until they are stored (<see cref="KeepTransactionsIn"/>); after that an answer reads the few it shows from the archive,
/// so a long chain's cold transactions cost disk, not memory. Readers share a lock; appending a block takes it exclusively.</summary>
internal sealed class LocalLedger : ILedgerReader
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly List<LedgerBlock> _blocks = [];
    private readonly Dictionary<string, LedgerBlock> _blocksByHash = new(StringComparer.Ordinal);
    private readonly List<TxEntry> _transactions = [];
    private readonly Dictionary<string, int> _transactionsById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _byAddress = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _byContract = new(StringComparer.Ordinal);
    private readonly List<int> _events = [];
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    // Whole transactions not yet handed to an archive (a generated or restored history before it is stored), by ordinal.
    private List<LedgerTransaction>? _unarchived = [];
    private ITransactionArchive? _archive;

    /// <summary>The world state. Only the single writer (generator or live producer) may read it without the lock.</summary>
    public LedgerState State { get; } = new();

    public LedgerBlock? Latest
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _blocks.Count == 0 ? null : _blocks[^1];
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    public void Append(BuiltBlock built)
    {
        _lock.EnterWriteLock();
        try
        {
            var expected = _blocks.Count == 0 ? null : _blocks[^1].Hash;
            if (built.Block.Number != _blocks.Count || built.Block.PreviousHash != expected)
            {
                throw new InvalidOperationException($"Block {built.Block.Number} does not extend the chain at height {_blocks.Count}.");
            }
            State.Apply(built);
            Index(built.Block, built.Transactions);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Loads a persisted ledger; <paramref name="transactions"/> must be in chain order.</summary>
    public void Restore(
        IReadOnlyList<LedgerBlock> blocks,
        IReadOnlyList<LedgerTransaction> transactions,
        IEnumerable<ContractRecord> contracts,
        IEnumerable<KeyValuePair<string, UInt128>> supplies,
        IEnumerable<KeyValuePair<BalanceKey, UInt128>> balances,
        IEnumerable<KeyValuePair<AllowanceKey, UInt128>> allowances)
    {
        _lock.EnterWriteLock();
        try
        {
            var next = 0;
            var slice = new List<LedgerTransaction>();
            foreach (var block in blocks)
            {
                slice.Clear();
                for (var i = 0; i < block.TxIds.Count; i++)
                {
                    slice.Add(transactions[next++]);
                }
                Index(block, slice);
            }
            State.Restore(contracts, supplies, balances, allowances, transactions);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public IReadOnlyList<LedgerBlock> Blocks => Read(() => _blocks.ToArray());

    /// <summary>Every transaction in chain order; once archived, read from the archive (snapshots and tests only).</summary>
    public IReadOnlyList<LedgerTransaction> Transactions => Read<IReadOnlyList<LedgerTransaction>>(() =>
        _unarchived?.ToArray() ?? _archive!.AllTransactions().Take(_transactions.Count).ToArray());

    /// <summary>From now on whole transactions are read from <paramref name="archive"/>, which must hold every transaction of
    /// this ledger and every one appended later; the in-memory copies are let go.</summary>
    public void KeepTransactionsIn(ITransactionArchive archive)
    {
        _lock.EnterWriteLock();
        try
        {
            _archive = archive;
            _unarchived = null;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public ValueTask<ChainHead> GetHeadAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(Read(() => new ChainHead(_blocks.Count, _blocks[^1], _blocks[0], _transactions.Count)));

    public ValueTask<LedgerBlock?> GetBlockAsync(long number, CancellationToken cancellationToken)
    {
        _lock.EnterReadLock();
        try
        {
            return ValueTask.FromResult(number >= 0 && number < _blocks.Count ? _blocks[(int)number] : null);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public ValueTask<LedgerBlock?> GetBlockByHashAsync(string hash, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Read(() => _blocksByHash.GetValueOrDefault(hash)));

    public ValueTask<Page<LedgerBlock>> GetBlocksAsync(long? from, long? to, PageRequest page, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Read(() =>
        {
            var low = Math.Max(from ?? 0, 0);
            var high = Math.Min(to ?? long.MaxValue, _blocks.Count - 1);
            var total = Math.Max(0, high - low + 1);
            var items = new List<LedgerBlock>();
            for (var n = high - page.Skip; n >= low && items.Count < page.Size; n--)
            {
                items.Add(_blocks[(int)n]);
            }
            return new Page<LedgerBlock>(items, total);
        }));

    public ValueTask<Page<LedgerTransaction>?> GetBlockTransactionsAsync(long number, PageRequest page, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Read(() =>
        {
            if (number < 0 || number >= _blocks.Count)
            {
                return null;
            }
            var items = _blocks[(int)number].TxIds.Skip((int)Math.Min(page.Skip, int.MaxValue)).Take(page.Size)
                .Select(id => Load(_transactionsById[id])).ToArray();
            return new Page<LedgerTransaction>(items, _blocks[(int)number].TxIds.Count);
        }));

    public ValueTask<LedgerTransaction?> GetTransactionAsync(string txId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Read(() => _transactionsById.TryGetValue(txId, out var ordinal) ? Load(ordinal) : null));

    public ValueTask<Page<LedgerTransaction>> GetTransactionsAsync(TransactionFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Read(() =>
        {
            IReadOnlyList<int>? source;
            if (filter.Address is not null)
            {
                source = _byAddress.GetValueOrDefault(filter.Address) ?? [];
            }
            else if (filter.ContractId is not null)
            {
                source = _byContract.GetValueOrDefault(filter.ContractId) ?? [];
            }
            else
            {
                source = null;
            }
            var needsScan = filter.Valid is not null || filter.From is not null || filter.To is not null
                || (filter.Address is not null && filter.ContractId is not null);
            return NewestFirst(source, needsScan ? tx => Matches(tx, filter) : null, page);
        }));

    public ValueTask<Page<ContractInfo>> GetContractsAsync(string? name, PageRequest page, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Read(() =>
        {
            var matching = State.Contracts
                .Where(c => name is null || c.Name.Contains(name, StringComparison.OrdinalIgnoreCase))
                .Reverse()
                .ToArray();
            var items = matching.Skip((int)Math.Min(page.Skip, int.MaxValue)).Take(page.Size).Select(Describe).ToArray();
            return new Page<ContractInfo>(items, matching.Length);
        }));

    public ValueTask<ContractInfo?> GetContractAsync(string contractId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Read(() => State.Contract(contractId) is { } contract ? Describe(contract) : null));

    public ValueTask<UInt128> GetBalanceAsync(string contractId, string address, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Read(() => State.Balance(new BalanceKey(contractId, address))));

    public ValueTask<UInt128> GetAllowanceAsync(string contractId, string owner, string spender, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Read(() => State.Allowance(new AllowanceKey(contractId, owner, spender))));

    public ValueTask<Page<LedgerTransaction>> GetEventsAsync(EventFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Read(() =>
        {
            var unfiltered = filter == new EventFilter();
            return NewestFirst(_events, unfiltered ? null : tx =>
                (filter.ContractId is null || tx.Chaincode == filter.ContractId)
                && (filter.Name is null || tx.EventName == filter.Name)
                && (filter.FromBlock is null || tx.Block >= filter.FromBlock)
                && (filter.ToBlock is null || tx.Block <= filter.ToBlock), page);
        }));

    public ValueTask<IReadOnlyList<ChaincodeActivity>> GetChaincodeActivityAsync(
        string? smartContractName, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Read<IReadOnlyList<ChaincodeActivity>>(() =>
        {
            var result = new List<ChaincodeActivity>();
            foreach (var contract in State.Contracts)
            {
                if (smartContractName is not null
                    && !smartContractName.Equals(contract.Name, StringComparison.OrdinalIgnoreCase)
                    && !smartContractName.Equals(contract.ContractId, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                long successful = 0, failed = 0;
                foreach (var ordinal in _byContract.GetValueOrDefault(contract.ContractId) ?? [])
                {
                    var tx = _transactions[ordinal];
                    if ((from is null || tx.Timestamp >= from) && (to is null || tx.Timestamp <= to))
                    {
                        if (tx.IsValid)
                        {
                            successful++;
                        }
                        else
                        {
                            failed++;
                        }
                    }
                }
                result.Add(new ChaincodeActivity(contract, successful + failed, successful, failed));
            }
            return result;
        }));

    private static bool Matches(TxEntry tx, TransactionFilter filter) =>
        (filter.ContractId is null || tx.Chaincode == filter.ContractId)
        && (filter.Valid is null || tx.IsValid == filter.Valid)
        && (filter.From is null || tx.Timestamp >= filter.From)
        && (filter.To is null || tx.Timestamp <= filter.To);

    /// <summary>A page of <paramref name="source"/> (ordinals; null for every transaction), newest first; only the page's
    /// transactions are read whole.</summary>
    private Page<LedgerTransaction> NewestFirst(IReadOnlyList<int>? source, Func<TxEntry, bool>? predicate, PageRequest page)
    {
        var count = source?.Count ?? _transactions.Count;
        int At(int i) => source is null ? i : source[i];
        var items = new List<LedgerTransaction>(Math.Min(page.Size, count));
        if (predicate is null)
        {
            for (var i = count - 1 - page.Skip; i >= 0 && items.Count < page.Size; i--)
            {
                items.Add(Load(At((int)i)));
            }
            return new Page<LedgerTransaction>(items, count);
        }
        long total = 0;
        for (var i = count - 1; i >= 0; i--)
        {
            var ordinal = At(i);
            if (!predicate(_transactions[ordinal]))
            {
                continue;
            }
            if (total >= page.Skip && items.Count < page.Size)
            {
                items.Add(Load(ordinal));
            }
            total++;
        }
        return new Page<LedgerTransaction>(items, total);
    }

    private LedgerTransaction Load(int ordinal)
    {
        if (_unarchived is not null)
        {
            return _unarchived[ordinal];
        }
        var entry = _transactions[ordinal];
        var txId = _blocks[entry.Block].TxIds[entry.Index];
        return _archive!.FindTransaction(txId)
            ?? throw new InvalidOperationException($"Transaction {txId} of block {entry.Block} is missing from the ledger file.");
    }

    private ContractInfo Describe(ContractRecord contract)
    {
        var transactions = _byContract.GetValueOrDefault(contract.ContractId);
        var holders = State.Balances.Count(b => b.Key.ContractId == contract.ContractId && b.Value > 0);
        return new ContractInfo(contract, transactions?.Count ?? 0, transactions is { Count: > 0 } ? _transactions[transactions[^1]].Timestamp : null,
            State.Supply(contract.ContractId), holders);
    }

    private void Index(LedgerBlock block, IReadOnlyList<LedgerTransaction> transactions)
    {
        _blocks.Add(block);
        _blocksByHash[block.Hash] = block;
        var involved = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < transactions.Count; i++)
        {
            var tx = transactions[i];
            var ordinal = _transactions.Count;
            _transactions.Add(new TxEntry((int)tx.BlockNumber, tx.TxIndex, tx.Timestamp.ToUnixTimeMilliseconds(), tx.ValidationCode,
                Intern(tx.ChaincodeName), Intern(tx.Event?.Name)));
            _unarchived?.Add(tx);
            // The block's own id string: one copy of each id in memory.
            _transactionsById[block.TxIds[i]] = ordinal;
            if (tx.ChaincodeName is not null)
            {
                AddTo(_byContract, tx.ChaincodeName, ordinal);
            }
            if (tx.IsValid && tx.Event is not null)
            {
                _events.Add(ordinal);
            }
            involved.Clear();
            if (tx.Creator is not null)
            {
                involved.Add(tx.Creator);
            }
            if (tx.Event is not null)
            {
                foreach (var (key, value) in tx.Event.Payload)
                {
                    if (key != "value")
                    {
                        involved.Add(value);
                    }
                }
            }
            foreach (var address in involved)
            {
                AddTo(_byAddress, address, ordinal);
            }
        }
    }

    private string? Intern(string? text)
    {
        if (text is null)
        {
            return null;
        }
        if (!_names.TryGetValue(text, out var interned))
        {
            _names[text] = interned = text;
        }
        return interned;
    }

    private static void AddTo(Dictionary<string, List<int>> index, string key, int ordinal)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }
        list.Add(ordinal);
    }

    private T Read<T>(Func<T> read)
    {
        _lock.EnterReadLock();
        try
        {
            return read();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }
}
