namespace KsQuery.Plugins.KalpDlt.Ledger;

/// <summary>The in-memory view of the local Test Net ledger (LiteDB is the persistent copy).
/// Readers share a lock; appending a block takes it exclusively.</summary>
internal sealed class LocalLedger : ILedgerReader
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly List<LedgerBlock> _blocks = [];
    private readonly Dictionary<string, LedgerBlock> _blocksByHash = new(StringComparer.Ordinal);
    private readonly List<LedgerTransaction> _transactions = [];
    private readonly Dictionary<string, LedgerTransaction> _transactionsById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<LedgerTransaction>> _byAddress = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<LedgerTransaction>> _byContract = new(StringComparer.Ordinal);
    private readonly List<LedgerTransaction> _events = [];

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

    public IReadOnlyList<LedgerTransaction> Transactions => Read(() => _transactions.ToArray());

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
                .Select(id => _transactionsById[id]).ToArray();
            return new Page<LedgerTransaction>(items, _blocks[(int)number].TxIds.Count);
        }));

    public ValueTask<LedgerTransaction?> GetTransactionAsync(string txId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Read(() => _transactionsById.GetValueOrDefault(txId)));

    public ValueTask<Page<LedgerTransaction>> GetTransactionsAsync(TransactionFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Read(() =>
        {
            List<LedgerTransaction> source;
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
                source = _transactions;
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
                (filter.ContractId is null || tx.ChaincodeName == filter.ContractId)
                && (filter.Name is null || tx.Event!.Name == filter.Name)
                && (filter.FromBlock is null || tx.BlockNumber >= filter.FromBlock)
                && (filter.ToBlock is null || tx.BlockNumber <= filter.ToBlock), page);
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
                foreach (var tx in _byContract.GetValueOrDefault(contract.ContractId) ?? [])
                {
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

    private static bool Matches(LedgerTransaction tx, TransactionFilter filter) =>
        (filter.ContractId is null || tx.ChaincodeName == filter.ContractId)
        && (filter.Valid is null || tx.IsValid == filter.Valid)
        && (filter.From is null || tx.Timestamp >= filter.From)
        && (filter.To is null || tx.Timestamp <= filter.To);

    private static Page<T> NewestFirst<T>(List<T> source, Func<T, bool>? predicate, PageRequest page)
    {
        var items = new List<T>(Math.Min(page.Size, source.Count));
        if (predicate is null)
        {
            for (var i = source.Count - 1 - page.Skip; i >= 0 && items.Count < page.Size; i--)
            {
                items.Add(source[(int)i]);
            }
            return new Page<T>(items, source.Count);
        }
        long total = 0;
        for (var i = source.Count - 1; i >= 0; i--)
        {
            if (!predicate(source[i]))
            {
                continue;
            }
            if (total >= page.Skip && items.Count < page.Size)
            {
                items.Add(source[i]);
            }
            total++;
        }
        return new Page<T>(items, total);
    }

    private ContractInfo Describe(ContractRecord contract)
    {
        var transactions = _byContract.GetValueOrDefault(contract.ContractId);
        var holders = State.Balances.Count(b => b.Key.ContractId == contract.ContractId && b.Value > 0);
        return new ContractInfo(contract, transactions?.Count ?? 0, transactions is { Count: > 0 } ? transactions[^1].Timestamp : null,
            State.Supply(contract.ContractId), holders);
    }

    private void Index(LedgerBlock block, IReadOnlyList<LedgerTransaction> transactions)
    {
        _blocks.Add(block);
        _blocksByHash[block.Hash] = block;
        var involved = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tx in transactions)
        {
            _transactions.Add(tx);
            _transactionsById[tx.TxId] = tx;
            if (tx.ChaincodeName is not null)
            {
                AddTo(_byContract, tx.ChaincodeName, tx);
            }
            if (tx.IsValid && tx.Event is not null)
            {
                _events.Add(tx);
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
                AddTo(_byAddress, address, tx);
            }
        }
    }

    private static void AddTo(Dictionary<string, List<LedgerTransaction>> index, string key, LedgerTransaction tx)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }
        list.Add(tx);
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
