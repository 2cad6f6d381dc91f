using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.KalpDlt.Catalog;
using KsQuery.Plugins.KalpDlt.Json;
using KsQuery.Plugins.KalpDlt.Ledger;

namespace KsQuery.Plugins.KalpDlt.Apis;

internal static class TransactionApis
{
    public static async ValueTask<ApiResult> ListAsync(ILedgerReader reader, CallReader args, CancellationToken cancellationToken)
    {
        var contractId = args.OptionalContractId("contract");
        var address = args.OptionalHex("address", 40);
        var status = args.OptionalText("status");
        bool? valid = status switch
        {
            null => null,
            "SUCCESS" => true,
            "FAILED" => false,
            _ => throw new InvalidParameterException("status", "'status' must be SUCCESS or FAILED."),
        };
        var from = args.OptionalTime("from");
        var to = args.OptionalTime("to");
        CallReader.RequireOrdered(from, to, "from", "to");
        var page = args.Page();
        if (contractId is not null && await reader.GetContractAsync(contractId, cancellationToken) is null)
        {
            return ContractApis.ContractNotFound(contractId);
        }
        var transactions = await reader.GetTransactionsAsync(new TransactionFilter(contractId, address, valid, from, to), page, cancellationToken);
        return Ok(transactions, page);
    }

    public static async ValueTask<ApiResult> ByIdAsync(ILedgerReader reader, CallReader args, CancellationToken cancellationToken)
    {
        var txId = args.Hex("txId", 64);
        if (await reader.GetTransactionAsync(txId, cancellationToken) is not { } tx
            || await reader.GetBlockAsync(tx.BlockNumber, cancellationToken) is not { } block)
        {
            return ApiResult.Fail(ApiError.NotFound(KalpErrorCodes.TransactionNotFound, $"There is no transaction {txId}."));
        }
        return ApiResult.Ok(DtoMapper.Transaction(tx, block.Hash), KalpJsonContext.Default.TransactionDto);
    }

    public static async ValueTask<ApiResult> OfAccountAsync(ILedgerReader reader, CallReader args, CancellationToken cancellationToken)
    {
        var address = args.Hex("address", 40);
        var page = args.Page();
        var transactions = await reader.GetTransactionsAsync(new TransactionFilter(Address: address), page, cancellationToken);
        return Ok(transactions, page);
    }

    private static ApiResult Ok(Page<LedgerTransaction> transactions, PageRequest page) =>
        ApiResult.Ok(DtoMapper.Page(transactions, page, DtoMapper.TransactionSummary), KalpJsonContext.Default.PageDtoTransactionSummaryDto);
}
