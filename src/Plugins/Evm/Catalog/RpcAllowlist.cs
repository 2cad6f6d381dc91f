namespace KsQuery.Plugins.Evm.Catalog;

/// <summary>The JSON-RPC methods the raw passthrough forwards: reads only, and none without a bound on its cost
/// (eth_getLogs goes through the logs API, which bounds the block range).</summary>
internal static class RpcAllowlist
{
    public static readonly string[] Methods =
    [
        "eth_chainId", "eth_blockNumber", "eth_gasPrice", "eth_maxPriorityFeePerGas", "eth_feeHistory", "eth_syncing",
        "net_version", "web3_clientVersion", "eth_getBalance", "eth_getTransactionCount", "eth_getCode", "eth_getStorageAt",
        "eth_call", "eth_estimateGas", "eth_getBlockByNumber", "eth_getBlockByHash", "eth_getBlockTransactionCountByNumber",
        "eth_getBlockTransactionCountByHash", "eth_getTransactionByHash", "eth_getTransactionReceipt",
        "eth_getTransactionByBlockNumberAndIndex",
    ];

    private static readonly HashSet<string> Set = new(Methods, StringComparer.Ordinal);

    public static bool Allows(string method) => Set.Contains(method);
}
