using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.KalpDlt.Catalog;
using KsQuery.Plugins.KalpDlt.Json;
using KsQuery.Plugins.KalpDlt.Ledger;

namespace KsQuery.Plugins.KalpDlt.Apis;

/// <summary>Evaluates a KRC-20 read function against the ledger's current state; nothing is written.</summary>
internal static class ContractQueryApi
{
    public static async ValueTask<ApiResult> QueryAsync(ILedgerReader reader, CallReader args, CancellationToken cancellationToken)
    {
        var contractId = args.Text("contractId");
        var function = args.Text("function");
        var body = QueryBody.Read(args.Call.Body);
        if (await reader.GetContractAsync(contractId, cancellationToken) is not { } info)
        {
            return ContractApis.ContractNotFound(contractId);
        }
        var contract = info.Contract;
        return function switch
        {
            "Name" => Text(contractId, function, contract.Name),
            "Symbol" => Text(contractId, function, contract.Symbol),
            "Decimals" => ApiResult.Ok(new ContractQueryNumberDto(contractId, function, contract.Decimals), KalpJsonContext.Default.ContractQueryNumberDto),
            "TotalSupply" => Text(contractId, function, TokenAmount.ToText(info.TotalSupply)),
            "BalanceOf" => Text(contractId, function, TokenAmount.ToText(
                await reader.GetBalanceAsync(contractId, body.Address("account"), cancellationToken))),
            "Allowance" => Text(contractId, function, TokenAmount.ToText(
                await reader.GetAllowanceAsync(contractId, body.Address("owner"), body.Address("spender"), cancellationToken))),
            _ => ApiResult.Fail(ApiError.NotFound(KalpErrorCodes.FunctionNotFound,
                $"Contract {contractId} has no read function {function}; it answers Name, Symbol, Decimals, TotalSupply, BalanceOf and Allowance.")),
        };
    }

    private static ApiResult Text(string contractId, string function, string result) =>
        ApiResult.Ok(new ContractQueryTextDto(contractId, function, result), KalpJsonContext.Default.ContractQueryTextDto);
}
