using System.Globalization;

namespace KsQuery.Plugins.KalpDlt.Ledger;

/// <summary>One block being built: transactions are endorsed against the state as left by the valid
/// transactions before them in the block, then validated the way Fabric's committer does.</summary>
internal sealed class BlockDraft(LedgerSchedule schedule, LedgerState state, long number)
{
    private static readonly TimeSpan TxSpacing = TimeSpan.FromMilliseconds(100);

    private readonly List<Pending> _pending = [];
    private readonly Dictionary<BalanceKey, UInt128> _balances = [];
    private readonly Dictionary<AllowanceKey, UInt128> _allowances = [];
    private readonly Dictionary<string, UInt128> _supplies = new(StringComparer.Ordinal);
    private readonly HashSet<(string Chaincode, string Key)> _written = [];

    public long Number => number;

    public UInt128 Balance(string contractId, string address)
    {
        var key = new BalanceKey(contractId, address);
        return _balances.TryGetValue(key, out var value) ? value : state.Balance(key);
    }

    public UInt128 Allowance(AllowanceKey key) => _allowances.TryGetValue(key, out var value) ? value : state.Allowance(key);

    /// <summary>True when a valid transaction earlier in this block wrote the key.</summary>
    public bool IsWritten(string chaincode, string key) => _written.Contains((chaincode, key));

    public void AddConfig(string purpose) =>
        _pending.Add(new Pending(
            schedule.TxId(number, _pending.Count), KalpNetwork.ConfigType, KalpNetwork.OrdererMsp, null, null, null,
            [purpose], [], [], null, ValidationCodes.Valid, null));

    public void AddLifecycleCommit(ContractPlan plan)
    {
        var invocation = new Invocation(KalpNetwork.LifecycleChaincode, "CommitChaincodeDefinition", plan.Owner, KalpNetwork.FoundationMsp,
            [plan.ContractId, "1.0", "1"]);
        invocation.Write($"namespaces/fields/{plan.ContractId}/Sequence", "1");
        invocation.Deploys = plan;
        Submit(invocation, ValidationCodes.Valid);
    }

    public void AddInitialize(ContractPlan plan)
    {
        var decimals = plan.Decimals.ToString(CultureInfo.InvariantCulture);
        var invocation = new Invocation(plan.ContractId, "Initialize", plan.Owner, KalpNetwork.FoundationMsp, [plan.Name, plan.Symbol, decimals]);
        invocation.Write("name", plan.Name);
        invocation.Write("symbol", plan.Symbol);
        invocation.Write("decimals", decimals);
        Submit(invocation, ValidationCodes.Valid);
    }

    public void AddMint(string contractId, string minter, string account, UInt128 amount, int forcedCode)
    {
        var value = TokenAmount.ToText(amount);
        var invocation = new Invocation(contractId, "Mint", minter, KalpNetwork.FoundationMsp, [account, value]);
        var balance = Balance(contractId, account) + amount;
        var supply = (_supplies.TryGetValue(contractId, out var s) ? s : state.Supply(contractId)) + amount;
        Read(invocation, KrcEvents.BalanceKey(account));
        invocation.Write(KrcEvents.BalanceKey(account), TokenAmount.ToText(balance));
        // A blind write: Fabric's MVCC check covers reads only, so mints to different accounts in one block do not conflict.
        invocation.Write(KrcEvents.TotalSupplyKey, TokenAmount.ToText(supply));
        invocation.Event = new ChaincodeEvent(KrcEvents.Mint, [new("account", account), new("value", value)]);
        invocation.Balances.Add((new BalanceKey(contractId, account), balance));
        invocation.Supply = supply;
        Submit(invocation, forcedCode);
    }

    public void AddTransfer(string contractId, string from, string to, UInt128 amount, int forcedCode)
    {
        var value = TokenAmount.ToText(amount);
        var invocation = new Invocation(contractId, "Transfer", from, KalpNetwork.MemberMsp, [to, value]);
        AddMove(invocation, contractId, from, to, amount);
        Submit(invocation, forcedCode);
    }

    public void AddTransferFrom(AllowanceKey allowance, string to, UInt128 amount, int forcedCode)
    {
        var value = TokenAmount.ToText(amount);
        var invocation = new Invocation(allowance.ContractId, "TransferFrom", allowance.Spender, KalpNetwork.MemberMsp, [allowance.Owner, to, value]);
        var allowanceKey = KrcEvents.AllowanceKey(allowance.Owner, allowance.Spender);
        var remaining = Allowance(allowance) - amount;
        Read(invocation, allowanceKey);
        invocation.Write(allowanceKey, TokenAmount.ToText(remaining));
        invocation.Allowances.Add((allowance, remaining));
        AddMove(invocation, allowance.ContractId, allowance.Owner, to, amount);
        Submit(invocation, forcedCode);
    }

    public void AddApprove(string contractId, string owner, string spender, UInt128 amount, int forcedCode)
    {
        var value = TokenAmount.ToText(amount);
        var invocation = new Invocation(contractId, "Approve", owner, KalpNetwork.MemberMsp, [spender, value]);
        invocation.Write(KrcEvents.AllowanceKey(owner, spender), value);
        invocation.Event = new ChaincodeEvent(KrcEvents.Approval, [new("owner", owner), new("spender", spender), new("value", value)]);
        invocation.Allowances.Add((new AllowanceKey(contractId, owner, spender), amount));
        Submit(invocation, forcedCode);
    }

    /// <summary>Stamps the transactions (100 ms apart, the last at the block time) and computes the hashes.</summary>
    public BuiltBlock Seal(DateTimeOffset timestamp, string? previousHash)
    {
        if (_pending.Count == 0)
        {
            throw new InvalidOperationException($"Block {number} has no transactions.");
        }
        var transactions = new LedgerTransaction[_pending.Count];
        var contracts = new List<ContractRecord>();
        for (var i = 0; i < _pending.Count; i++)
        {
            var p = _pending[i];
            var at = timestamp - TxSpacing * (_pending.Count - 1 - i);
            transactions[i] = new LedgerTransaction(p.TxId, number, i, at, p.Type, p.Msp, p.Creator, p.Chaincode, p.Function,
                p.Args, p.Reads, p.Writes, p.Event, p.Code);
            if (p.Deploys is { } plan && p.Code == ValidationCodes.Valid)
            {
                contracts.Add(new ContractRecord(plan.ContractId, plan.Name, plan.Symbol, plan.Decimals, "1.0", plan.Owner, p.TxId, number, at));
            }
        }
        var txIds = transactions.Select(t => t.TxId).ToArray();
        var dataHash = BlockHasher.DataHash(txIds);
        var block = new LedgerBlock(number, BlockHasher.HeaderHash(number, previousHash, dataHash), previousHash, dataHash, timestamp, txIds);
        return new BuiltBlock(block, transactions, contracts, _balances, _allowances, _supplies);
    }

    private void AddMove(Invocation invocation, string contractId, string from, string to, UInt128 amount)
    {
        var fromBalance = Balance(contractId, from) - amount;
        var toBalance = Balance(contractId, to) + amount;
        Read(invocation, KrcEvents.BalanceKey(from));
        Read(invocation, KrcEvents.BalanceKey(to));
        invocation.Write(KrcEvents.BalanceKey(from), TokenAmount.ToText(fromBalance));
        invocation.Write(KrcEvents.BalanceKey(to), TokenAmount.ToText(toBalance));
        invocation.Event = new ChaincodeEvent(KrcEvents.Transfer, [new("from", from), new("to", to), new("value", TokenAmount.ToText(amount))]);
        invocation.Balances.Add((new BalanceKey(contractId, from), fromBalance));
        invocation.Balances.Add((new BalanceKey(contractId, to), toBalance));
    }

    // Endorsement simulates against the committed state, so reads carry committed versions; an earlier write
    // in the same block then makes the transaction an MVCC_READ_CONFLICT at validation.
    private void Read(Invocation invocation, string key)
    {
        if (invocation.Reads.All(r => r.Key != key))
        {
            invocation.Reads.Add(new ReadItem(key, state.Version(invocation.Chaincode, key)));
        }
    }

    private void Submit(Invocation invocation, int forcedCode)
    {
        var code = forcedCode;
        if (code == ValidationCodes.Valid && invocation.Reads.Any(r => IsWritten(invocation.Chaincode, r.Key)))
        {
            code = ValidationCodes.MvccReadConflict;
        }
        if (code == ValidationCodes.Valid)
        {
            foreach (var (key, value) in invocation.Balances)
            {
                _balances[key] = value;
            }
            foreach (var (key, value) in invocation.Allowances)
            {
                _allowances[key] = value;
            }
            if (invocation.Supply is { } supply)
            {
                _supplies[invocation.Chaincode] = supply;
            }
            foreach (var write in invocation.Writes)
            {
                _written.Add((invocation.Chaincode, write.Key));
            }
        }
        _pending.Add(new Pending(schedule.TxId(number, _pending.Count), KalpNetwork.EndorserType, invocation.Msp, invocation.Creator,
            invocation.Chaincode, invocation.Function, invocation.Args, invocation.Reads, invocation.Writes, invocation.Event, code,
            invocation.Deploys));
    }

    private sealed record Pending(
        string TxId,
        string Type,
        string Msp,
        string? Creator,
        string? Chaincode,
        string? Function,
        string[] Args,
        List<ReadItem> Reads,
        List<WriteItem> Writes,
        ChaincodeEvent? Event,
        int Code,
        ContractPlan? Deploys);

    private sealed class Invocation(string chaincode, string function, string creator, string msp, string[] args)
    {
        public string Chaincode => chaincode;
        public string Function => function;
        public string Creator => creator;
        public string Msp => msp;
        public string[] Args => args;
        public List<ReadItem> Reads { get; } = [];
        public List<WriteItem> Writes { get; } = [];
        public ChaincodeEvent? Event { get; set; }
        public List<(BalanceKey Key, UInt128 Value)> Balances { get; } = [];
        public List<(AllowanceKey Key, UInt128 Value)> Allowances { get; } = [];
        public UInt128? Supply { get; set; }
        public ContractPlan? Deploys { get; set; }

        public void Write(string key, string value)
        {
            Writes.RemoveAll(w => w.Key == key);
            Writes.Add(new WriteItem(key, value));
        }
    }
}
