using KsQuery.Plugins.Abstractions;
using static KsQuery.Plugins.Evm.Catalog.EvmExamples;

namespace KsQuery.Plugins.Evm.Catalog;

/// <summary>The parameter examples of every API (well-known Ethereum mainnet values; see <see cref="EvmExamples"/>).</summary>
internal static class EvmApiExamples
{
    public static readonly IReadOnlyDictionary<string, ApiExample> All = new Dictionary<string, ApiExample>
    {
        [EvmApiIds.NetworkInfo] = new(Params()),
        [EvmApiIds.BlockNumber] = new(Params()),
        [EvmApiIds.Block] = new(Params(("block", Block))),
        [EvmApiIds.BlockByHash] = new(Params(("hash", BlockHash))),
        [EvmApiIds.BlockTransactions] = new(Params(("block", Block))),
        [EvmApiIds.Transaction] = new(Params(("hash", TransactionHash))),
        [EvmApiIds.TransactionReceipt] = new(Params(("hash", TransactionHash))),
        [EvmApiIds.AccountBalance] = new(Params(("address", Account))),
        [EvmApiIds.AccountNonce] = new(Params(("address", Account))),
        [EvmApiIds.AccountCode] = new(Params(("address", Account))),
        [EvmApiIds.TokenInfo] = new(Params(("contract", Token))),
        [EvmApiIds.TokenBalance] = new(Params(("contract", Token), ("address", Account))),
        [EvmApiIds.ContractCall] = new(Params(("address", Token))),
        [EvmApiIds.ContractCallFunction] = new(Params(("address", Token))),
        [EvmApiIds.Logs] = new(Params(("address", Token), ("topic0", TransferTopic), ("fromBlock", "21000000"), ("toBlock", "21000000"))),
        [EvmApiIds.Rpc] = new(Params()),
    };

    private static Dictionary<string, string> Params(params (string Name, string Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
}
