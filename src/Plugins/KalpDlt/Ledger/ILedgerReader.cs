namespace KsQuery.Plugins.KalpDlt.Ledger;

/// <summary>The seam every local-ledger API reads through; the local Test Net ledger implements it. The Kalp gateway
/// source (<c>Gateway/</c>) does not: it can evaluate contract functions only, so it has its own executor behind
/// <see cref="Apis.IApiExecutor"/> instead of half-implementing this interface.</summary>
internal interface ILedgerReader
{
    ValueTask<ChainHead> GetHeadAsync(CancellationToken cancellationToken);

    ValueTask<LedgerBlock?> GetBlockAsync(long number, CancellationToken cancellationToken);

    ValueTask<LedgerBlock?> GetBlockByHashAsync(string hash, CancellationToken cancellationToken);

    /// <summary>Blocks numbered <paramref name="from"/>..<paramref name="to"/> (inclusive), newest first.</summary>
    ValueTask<Page<LedgerBlock>> GetBlocksAsync(long? from, long? to, PageRequest page, CancellationToken cancellationToken);

    /// <summary>A block's transactions in block order; null when there is no such block.</summary>
    ValueTask<Page<LedgerTransaction>?> GetBlockTransactionsAsync(long number, PageRequest page, CancellationToken cancellationToken);

    ValueTask<LedgerTransaction?> GetTransactionAsync(string txId, CancellationToken cancellationToken);

    /// <summary>Transactions matching <paramref name="filter"/>, newest first.</summary>
    ValueTask<Page<LedgerTransaction>> GetTransactionsAsync(TransactionFilter filter, PageRequest page, CancellationToken cancellationToken);

    /// <summary>Contracts whose name contains <paramref name="name"/> (case-insensitive), newest first.</summary>
    ValueTask<Page<ContractInfo>> GetContractsAsync(string? name, PageRequest page, CancellationToken cancellationToken);

    ValueTask<ContractInfo?> GetContractAsync(string contractId, CancellationToken cancellationToken);

    ValueTask<UInt128> GetBalanceAsync(string contractId, string address, CancellationToken cancellationToken);

    ValueTask<UInt128> GetAllowanceAsync(string contractId, string owner, string spender, CancellationToken cancellationToken);

    /// <summary>Events of valid transactions matching <paramref name="filter"/>, newest first.</summary>
    ValueTask<Page<LedgerTransaction>> GetEventsAsync(EventFilter filter, PageRequest page, CancellationToken cancellationToken);

    /// <summary>Per-contract transaction counts in a time range, for every contract or those whose name or id equals
    /// <paramref name="smartContractName"/> (case-insensitive).</summary>
    ValueTask<IReadOnlyList<ChaincodeActivity>> GetChaincodeActivityAsync(
        string? smartContractName, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken);
}
