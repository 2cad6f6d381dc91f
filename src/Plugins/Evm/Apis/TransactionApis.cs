using System.Text.Json;
using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.Evm.Catalog;
using KsQuery.Plugins.Evm.Gateway;
using KsQuery.Plugins.Evm.Json;

namespace KsQuery.Plugins.Evm.Apis;

internal static class TransactionApis
{
    private static readonly EvmJsonContext Json = EvmJsonContext.Default;

    public static async Task<ApiResult> TransactionAsync(CallReader args, RpcClient rpc, CancellationToken cancellationToken)
    {
        var hash = args.Hash("hash");
        var answer = await rpc.CallAsync("eth_getTransactionByHash", cancellationToken, hash);
        return answer.ValueKind == JsonValueKind.Null
            ? ApiResult.Fail(ApiError.NotFound(EvmErrorCodes.TransactionNotFound, $"No transaction with hash {hash} on this network."))
            : ApiResult.Ok(DtoMapper.Transaction(answer), Json.TransactionDto);
    }

    public static async Task<ApiResult> ReceiptAsync(CallReader args, RpcClient rpc, CancellationToken cancellationToken)
    {
        var hash = args.Hash("hash");
        var answer = await rpc.CallAsync("eth_getTransactionReceipt", cancellationToken, hash);
        if (answer.ValueKind == JsonValueKind.Null)
            return ApiResult.Fail(ApiError.NotFound(EvmErrorCodes.ReceiptNotFound, $"No receipt for {hash}: the transaction is pending or unknown."));
        // Nodes that predate London may leave effectiveGasPrice out: the transaction's gas price is what was paid then.
        var price = RpcRead.DecimalOrNull(answer, "effectiveGasPrice", "receipt");
        if (price is null)
        {
            var tx = await rpc.CallAsync("eth_getTransactionByHash", cancellationToken, hash);
            price = RpcRead.Decimal(tx, "gasPrice", "transaction");
        }
        return ApiResult.Ok(DtoMapper.Receipt(answer, price), Json.ReceiptDto);
    }
}
