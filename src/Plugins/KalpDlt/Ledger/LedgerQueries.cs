namespace KsQuery.Plugins.KalpDlt.Ledger;

internal sealed record ChainHead(long Height, LedgerBlock Latest, LedgerBlock Genesis, long TransactionCount);

internal readonly record struct PageRequest(int Page, int Size)
{
    public long Skip => (long)(Page - 1) * Size;
}

internal sealed record Page<T>(IReadOnlyList<T> Items, long Total);

/// <param name="Valid">True for SUCCESS only, false for FAILED only, null for both.</param>
internal sealed record TransactionFilter(
    string? ContractId = null,
    string? Address = null,
    bool? Valid = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null);

internal sealed record EventFilter(string? ContractId = null, string? Name = null, long? FromBlock = null, long? ToBlock = null);

internal sealed record ContractInfo(ContractRecord Contract, long TxCount, DateTimeOffset? LastTxAt, UInt128 TotalSupply, int Holders);

internal sealed record ChaincodeActivity(ContractRecord Contract, long Transactions, long Successful, long Failed);
