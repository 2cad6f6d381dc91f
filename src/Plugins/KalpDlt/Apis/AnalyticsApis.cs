using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.KalpDlt.Catalog;
using KsQuery.Plugins.KalpDlt.Json;
using KsQuery.Plugins.KalpDlt.Ledger;

namespace KsQuery.Plugins.KalpDlt.Apis;

internal static class AnalyticsApis
{
    public static async ValueTask<ApiResult> ChaincodeAsync(ILedgerReader reader, CallReader args, CancellationToken cancellationToken)
    {
        var name = args.OptionalText("smartContractName");
        var from = args.OptionalTime("from");
        var to = args.OptionalTime("to");
        CallReader.RequireOrdered(from, to, "from", "to");
        var activity = await reader.GetChaincodeActivityAsync(name, from, to, cancellationToken);
        if (name is not null && activity.Count == 0)
        {
            return ApiResult.Fail(ApiError.NotFound(KalpErrorCodes.ContractNotFound, $"There is no contract named {name} on this network."));
        }
        var items = activity
            .Select(a => new ChaincodeCountDto(a.Contract.ContractId, a.Contract.Name, a.Transactions, a.Successful, a.Failed))
            .ToArray();
        var dto = new ChaincodeAnalyticsDto(name, from?.UtcDateTime, to?.UtcDateTime, items.Sum(i => i.TransactionCount), items);
        return ApiResult.Ok(dto, KalpJsonContext.Default.ChaincodeAnalyticsDto);
    }
}
