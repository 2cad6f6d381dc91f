using System.ComponentModel;
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
    [property: Description("Number of blocks: the latest block number + 1.")] long Height,
    long LatestBlockNumber,
    string LatestBlockHash,
    DateTime LatestBlockTime,
    [property: Description("Where the data comes from: local-ledger.")] string Source);

internal sealed record ChannelDto(string Name, string GenesisBlockHash, long Blocks, long Transactions, DateTime CreatedAt);
