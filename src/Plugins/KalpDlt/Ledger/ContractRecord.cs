namespace KsQuery.Plugins.KalpDlt.Ledger;

/// <summary>A deployed KRC-20 contract.</summary>
internal sealed record ContractRecord(
    string ContractId,
    string Name,
    string Symbol,
    int Decimals,
    string Version,
    string Owner,
    string DeployTxId,
    long DeployBlock,
    DateTimeOffset CreatedAt);
