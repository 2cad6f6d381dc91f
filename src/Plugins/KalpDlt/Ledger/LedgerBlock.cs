namespace KsQuery.Plugins.KalpDlt.Ledger;

/// <summary>A Fabric block: header fields plus the ids of its transactions in block order.</summary>
/// <param name="PreviousHash">Null for the genesis block.</param>
internal sealed record LedgerBlock(
    long Number,
    string Hash,
    string? PreviousHash,
    string DataHash,
    DateTimeOffset Timestamp,
    IReadOnlyList<string> TxIds);
