using System.ComponentModel;

namespace KsQuery.Plugins.Evm.Json;

internal sealed record NetworkInfoDto(
    [property: Description("The chain id the upstream answers to eth_chainId.")] long ChainId,
    [property: Description("The number of the newest block.")] long LatestBlock,
    [property: Description("eth_gasPrice in wei, as a decimal string.")] string GasPrice,
    [property: Description("Whether the node reports that it is syncing.")] bool Syncing,
    [property: Description("web3_clientVersion, or null when the node does not answer it.")] string? ClientVersion);

internal sealed record BlockNumberDto([property: Description("The number of the newest block (eth_blockNumber).")] long Number);
