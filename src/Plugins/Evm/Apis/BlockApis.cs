using System.Text.Json;
using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.Evm.Catalog;
using KsQuery.Plugins.Evm.Gateway;
using KsQuery.Plugins.Evm.Json;

namespace KsQuery.Plugins.Evm.Apis;

internal static class BlockApis
{
    private static readonly EvmJsonContext Json = EvmJsonContext.Default;

    public static async Task<ApiResult> BlockAsync(CallReader args, RpcClient rpc, CancellationToken cancellationToken)
    {
        var (block, echo) = args.Block("block");
        var answer = await rpc.CallAsync("eth_getBlockByNumber", w => { w.WriteStringValue(block); w.WriteBooleanValue(false); }, cancellationToken);
        return answer.ValueKind == JsonValueKind.Null
            ? NotFound($"No block {echo} on this network.")
            : ApiResult.Ok(DtoMapper.Block(answer), Json.BlockDto);
    }

    public static async Task<ApiResult> BlockByHashAsync(CallReader args, RpcClient rpc, CancellationToken cancellationToken)
    {
        var hash = args.Hash("hash");
        var answer = await rpc.CallAsync("eth_getBlockByHash", w => { w.WriteStringValue(hash); w.WriteBooleanValue(false); }, cancellationToken);
        return answer.ValueKind == JsonValueKind.Null
            ? NotFound($"No block with hash {hash} on this network.")
            : ApiResult.Ok(DtoMapper.Block(answer), Json.BlockDto);
    }

    public static async Task<ApiResult> TransactionsAsync(CallReader args, RpcClient rpc, CancellationToken cancellationToken)
    {
        var (block, echo) = args.Block("block");
        var (page, size) = args.Paging();
        var answer = await rpc.CallAsync("eth_getBlockByNumber", w => { w.WriteStringValue(block); w.WriteBooleanValue(true); }, cancellationToken);
        if (answer.ValueKind == JsonValueKind.Null)
            return NotFound($"No block {echo} on this network.");
        var transactions = RpcRead.Get(answer, "transactions", "block");
        if (transactions.ValueKind != JsonValueKind.Array)
            throw RpcRead.Bad("block.transactions");
        var total = transactions.GetArrayLength();
        var items = transactions.EnumerateArray().Skip((int)Math.Min((long)(page - 1) * size, int.MaxValue)).Take(size).Select(DtoMapper.Transaction).ToList();
        return ApiResult.Ok(new TransactionPageDto(items, page, size, total), Json.TransactionPageDto);
    }

    private static ApiResult NotFound(string detail) => ApiResult.Fail(ApiError.NotFound(EvmErrorCodes.BlockNotFound, detail));
}
