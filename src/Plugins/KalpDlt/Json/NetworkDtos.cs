namespace KsQuery.Plugins.KalpDlt.Json;

/// <param name="Height">Number of blocks (latest block number + 1), as Fabric counts it.</param>
/// <param name="Source">Where the data comes from: <c>local-ledger</c>.</param>
internal sealed record NetworkInfoDto(
    string Name,
    string Network,
    long ChainId,
    string Channel,
    string Currency,
    int Decimals,
    long Height,
    long LatestBlockNumber,
    string LatestBlockHash,
    DateTime LatestBlockTime,
    string Source);

internal sealed record ChannelDto(string Name, string GenesisBlockHash, long Blocks, long Transactions, DateTime CreatedAt);
