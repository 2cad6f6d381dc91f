using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.KalpDlt.Json;
using KsQuery.Plugins.KalpDlt.Ledger;

namespace KsQuery.Plugins.KalpDlt.Apis;

internal static class EventApis
{
    public static async ValueTask<ApiResult> ListAsync(ILedgerReader reader, CallReader args, CancellationToken cancellationToken)
    {
        var contractId = args.OptionalContractId("contractId");
        var name = args.OptionalText("name");
        var fromBlock = args.OptionalInt64("fromBlock", 0);
        var toBlock = args.OptionalInt64("toBlock", 0);
        CallReader.RequireOrdered(fromBlock, toBlock, "fromBlock", "toBlock");
        var page = args.Page();
        if (contractId is not null && await reader.GetContractAsync(contractId, cancellationToken) is null)
        {
            return ContractApis.ContractNotFound(contractId);
        }
        var events = await reader.GetEventsAsync(new EventFilter(contractId, name, fromBlock, toBlock), page, cancellationToken);
        return ApiResult.Ok(DtoMapper.Page(events, page, DtoMapper.Event), KalpJsonContext.Default.PageDtoEventDto);
    }
}
