namespace KsQuery.Plugins.KalpDlt.Ledger;

/// <summary>A new block and the state it leaves behind: final values of everything its valid transactions changed.</summary>
internal sealed record BuiltBlock(
    LedgerBlock Block,
    IReadOnlyList<LedgerTransaction> Transactions,
    IReadOnlyList<ContractRecord> NewContracts,
    IReadOnlyDictionary<BalanceKey, UInt128> Balances,
    IReadOnlyDictionary<AllowanceKey, UInt128> Allowances,
    IReadOnlyDictionary<string, UInt128> Supplies);
