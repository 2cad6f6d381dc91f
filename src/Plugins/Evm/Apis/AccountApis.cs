using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.Evm.Encoding;
using KsQuery.Plugins.Evm.Gateway;
using KsQuery.Plugins.Evm.Json;

namespace KsQuery.Plugins.Evm.Apis;

internal static class AccountApis
{
    private static readonly EvmJsonContext Json = EvmJsonContext.Default;

    public static async Task<ApiResult> BalanceAsync(CallReader args, RpcClient rpc, CancellationToken cancellationToken)
    {
        var address = args.Address("address");
        var (block, echo) = args.Block("block");
        var balance = await rpc.CallAsync("eth_getBalance", cancellationToken, address, block);
        return ApiResult.Ok(new BalanceDto(EvmAddress.Checksum(address), echo, RpcRead.Decimal(balance, "eth_getBalance")), Json.BalanceDto);
    }

    public static async Task<ApiResult> NonceAsync(CallReader args, RpcClient rpc, CancellationToken cancellationToken)
    {
        var address = args.Address("address");
        var (block, echo) = args.Block("block");
        var nonce = await rpc.CallAsync("eth_getTransactionCount", cancellationToken, address, block);
        return ApiResult.Ok(new NonceDto(EvmAddress.Checksum(address), echo, RpcRead.Int64(nonce, "eth_getTransactionCount")), Json.NonceDto);
    }

    public static async Task<ApiResult> CodeAsync(CallReader args, RpcClient rpc, CancellationToken cancellationToken)
    {
        var address = args.Address("address");
        var (block, echo) = args.Block("block");
        var code = RpcRead.Data(await rpc.CallAsync("eth_getCode", cancellationToken, address, block), "eth_getCode");
        return ApiResult.Ok(new CodeDto(EvmAddress.Checksum(address), echo, code, code.Length > 2), Json.CodeDto);
    }
}
