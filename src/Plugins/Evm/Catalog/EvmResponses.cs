using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.Evm.Json;

namespace KsQuery.Plugins.Evm.Catalog;

/// <summary>The 200 answers of the catalog, shared by both chains (one set of <c>Evm*</c> components in the document).</summary>
internal static class EvmResponses
{
    private static readonly EvmJsonContext Json = EvmJsonContext.Default;
    private const string Numbers = " Quantities that fit in 64 bits are JSON numbers; wei and token amounts are decimal strings; addresses are EIP-55 checksummed.";

    public static readonly ApiResponse NetworkInfo = new(Json.NetworkInfoDto, "EvmNetworkInfo", "The upstream's chain id, newest block, gas price and sync state.");
    public static readonly ApiResponse BlockNumber = new(Json.BlockNumberDto, "EvmBlockNumber", "The number of the newest block.");
    public static readonly ApiResponse Block = new(Json.BlockDto, "EvmBlock", "A block with its transaction hashes." + Numbers);
    public static readonly ApiResponse Transactions = new(Json.TransactionPageDto, "EvmTransactionPage", "A page of a block's transactions, in block order." + Numbers);
    public static readonly ApiResponse Transaction = new(Json.TransactionDto, "EvmTransaction", "A transaction." + Numbers);
    public static readonly ApiResponse Receipt = new(Json.ReceiptDto, "EvmReceipt", "A transaction's receipt with its logs." + Numbers);
    public static readonly ApiResponse Balance = new(Json.BalanceDto, "EvmBalance", "An account's native balance in wei (decimal string).");
    public static readonly ApiResponse Nonce = new(Json.NonceDto, "EvmNonce", "An account's transaction count.");
    public static readonly ApiResponse Code = new(Json.CodeDto, "EvmCode", "The code deployed at an address.");
    public static readonly ApiResponse TokenInfo = new(Json.TokenInfoDto, "EvmTokenInfo", "ERC-20 metadata; totalSupply in base units (decimal string).");
    public static readonly ApiResponse TokenBalance = new(Json.TokenBalanceDto, "EvmTokenBalance", "An ERC-20 balance in base units (decimal string).");
    public static readonly ApiResponse CallResult = new(Json.CallResultDto, "EvmCallResult", "The raw return data of eth_call.");
    public static readonly ApiResponse CallFunctionResult = new(Json.CallFunctionResultDto, "EvmCallFunctionResult", "The raw return data of eth_call and its decoded values.");
    public static readonly ApiResponse Logs = new(Json.LogPageDto, "EvmLogPage", "A page of logs over the block range actually searched." + Numbers);
    public static readonly ApiResponse Rpc = new(Json.RpcResultDto, "EvmRpcResult", "The upstream's JSON-RPC result.");
}
