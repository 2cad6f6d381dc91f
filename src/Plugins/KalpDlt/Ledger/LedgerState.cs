namespace KsQuery.Plugins.KalpDlt.Ledger;

/// <summary>World state after the latest block: contracts, balances, allowances, supplies, key versions.
/// Not thread-safe; <see cref="LocalLedger"/> guards it.</summary>
internal sealed class LedgerState
{
    private readonly Dictionary<BalanceKey, UInt128> _balances = [];
    private readonly Dictionary<AllowanceKey, UInt128> _allowances = [];
    private readonly Dictionary<string, UInt128> _supplies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ContractRecord> _contracts = new(StringComparer.Ordinal);
    private readonly List<ContractRecord> _contractOrder = [];
    private readonly Dictionary<(string Chaincode, string Key), KeyVersion> _versions = [];
    // Who ever received a token, in order of first receipt: the generator picks senders from here.
    private readonly Dictionary<string, List<string>> _holders = new(StringComparer.Ordinal);
    private readonly HashSet<BalanceKey> _holderSet = [];
    private readonly List<AllowanceKey> _allowanceKeys = [];
    private readonly HashSet<AllowanceKey> _allowanceKeySet = [];

    public IReadOnlyList<ContractRecord> Contracts => _contractOrder;

    public IReadOnlyDictionary<BalanceKey, UInt128> Balances => _balances;

    public IReadOnlyDictionary<AllowanceKey, UInt128> Allowances => _allowances;

    public IReadOnlyDictionary<string, UInt128> Supplies => _supplies;

    public IReadOnlyList<AllowanceKey> AllowanceKeys => _allowanceKeys;

    public ContractRecord? Contract(string contractId) => _contracts.GetValueOrDefault(contractId);

    public UInt128 Balance(BalanceKey key) => _balances.GetValueOrDefault(key);

    public UInt128 Allowance(AllowanceKey key) => _allowances.GetValueOrDefault(key);

    public UInt128 Supply(string contractId) => _supplies.GetValueOrDefault(contractId);

    public KeyVersion? Version(string chaincode, string key) =>
        _versions.TryGetValue((chaincode, key), out var version) ? version : null;

    public IReadOnlyList<string> Holders(string contractId) =>
        _holders.TryGetValue(contractId, out var holders) ? holders : [];

    public void Apply(BuiltBlock built)
    {
        foreach (var contract in built.NewContracts)
        {
            AddContract(contract);
        }
        foreach (var (key, value) in built.Balances)
        {
            _balances[key] = value;
        }
        foreach (var (key, value) in built.Allowances)
        {
            _allowances[key] = value;
        }
        foreach (var (key, value) in built.Supplies)
        {
            _supplies[key] = value;
        }
        foreach (var tx in built.Transactions)
        {
            Track(tx);
        }
    }

    /// <summary>Rebuilds the state from persisted values; versions and holder order are replayed from the transactions.</summary>
    public void Restore(
        IEnumerable<ContractRecord> contracts,
        IEnumerable<KeyValuePair<string, UInt128>> supplies,
        IEnumerable<KeyValuePair<BalanceKey, UInt128>> balances,
        IEnumerable<KeyValuePair<AllowanceKey, UInt128>> allowances,
        IEnumerable<LedgerTransaction> transactionsInChainOrder)
    {
        foreach (var contract in contracts)
        {
            AddContract(contract);
        }
        foreach (var (key, value) in supplies)
        {
            _supplies[key] = value;
        }
        foreach (var (key, value) in balances)
        {
            _balances[key] = value;
        }
        foreach (var (key, value) in allowances)
        {
            _allowances[key] = value;
        }
        foreach (var tx in transactionsInChainOrder)
        {
            Track(tx);
        }
    }

    private void AddContract(ContractRecord contract)
    {
        if (_contracts.TryAdd(contract.ContractId, contract))
        {
            _contractOrder.Add(contract);
        }
    }

    private void Track(LedgerTransaction tx)
    {
        if (!tx.IsValid || tx.ChaincodeName is null)
        {
            return;
        }
        foreach (var write in tx.WriteSet)
        {
            _versions[(tx.ChaincodeName, write.Key)] = new KeyVersion(tx.BlockNumber, tx.TxIndex);
        }
        switch (tx.Event?.Name)
        {
            case KrcEvents.Transfer:
                AddHolder(tx.ChaincodeName, tx.Event.Get("to"));
                break;
            case KrcEvents.Mint:
                AddHolder(tx.ChaincodeName, tx.Event.Get("account"));
                break;
            case KrcEvents.Approval when tx.Event.Get("owner") is { } owner && tx.Event.Get("spender") is { } spender:
                var key = new AllowanceKey(tx.ChaincodeName, owner, spender);
                if (_allowanceKeySet.Add(key))
                {
                    _allowanceKeys.Add(key);
                }
                break;
        }
    }

    private void AddHolder(string contractId, string? address)
    {
        if (address is null || !_holderSet.Add(new BalanceKey(contractId, address)))
        {
            return;
        }
        if (!_holders.TryGetValue(contractId, out var holders))
        {
            _holders[contractId] = holders = [];
        }
        holders.Add(address);
    }
}
