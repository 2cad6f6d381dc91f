using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.KalpDlt.Catalog;
using KsQuery.Plugins.KalpDlt.Json;
using KsQuery.Plugins.KalpDlt.Ledger;

namespace KsQuery.Plugins.KalpDlt.Apis;

internal static class BlockApis
{
    public static async ValueTask<ApiResult> ListAsync(ILedgerReader reader, CallReader args, CancellationToken cancellationToken)
    {
        var from = args.OptionalInt64("from", 0);
        var to = args.OptionalInt64("to", 0);
        CallReader.RequireOrdered(from, to, "from", "to");
        var page = args.Page();
        var blocks = await reader.GetBlocksAsync(from, to, page, cancellationToken);
        return ApiResult.Ok(DtoMapper.Page(blocks, page, DtoMapper.BlockSummary), KalpJsonContext.Default.PageDtoBlockSummaryDto);
    }

    public static ApiResult Latest(ChainHead head) => ApiResult.Shared(DtoMapper.Block(head.Latest), KalpJsonContext.Default.BlockDto);

    public static async ValueTask<ApiResult> ByNumberAsync(ILedgerReader reader, CallReader args, CancellationToken cancellationToken)
    {
        var number = args.Int64("number", 0);
        return await reader.GetBlockAsync(number, cancellationToken) is { } block
            ? ApiResult.Ok(DtoMapper.Block(block), KalpJsonContext.Default.BlockDto)
            : NotFound($"There is no block {number}.");
    }

    public static async ValueTask<ApiResult> ByHashAsync(ILedgerReader reader, CallReader args, CancellationToken cancellationToken)
    {
        var hash = args.Hex("hash", 64);
        return await reader.GetBlockByHashAsync(hash, cancellationToken) is { } block
            ? ApiResult.Ok(DtoMapper.Block(block), KalpJsonContext.Default.BlockDto)
            : NotFound($"There is no block with hash {hash}.");
    }

    public static async ValueTask<ApiResult> TransactionsAsync(ILedgerReader reader, CallReader args, CancellationToken cancellationToken)
    {
        var number = args.Int64("number", 0);
        var page = args.Page();
        return await reader.GetBlockTransactionsAsync(number, page, cancellationToken) is { } transactions
            ? ApiResult.Ok(DtoMapper.Page(transactions, page, DtoMapper.TransactionSummary), KalpJsonContext.Default.PageDtoTransactionSummaryDto)
            : NotFound($"There is no block {number}.");
    }

    private static ApiResult NotFound(string detail) => ApiResult.Fail(ApiError.NotFound(KalpErrorCodes.BlockNotFound, detail));
}
