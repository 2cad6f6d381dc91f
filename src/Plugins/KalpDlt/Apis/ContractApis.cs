using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.KalpDlt.Catalog;
using KsQuery.Plugins.KalpDlt.Json;
using KsQuery.Plugins.KalpDlt.Ledger;

namespace KsQuery.Plugins.KalpDlt.Apis;

internal static class ContractApis
{
    public static async ValueTask<ApiResult> ListAsync(ILedgerReader reader, CallReader args, CancellationToken cancellationToken)
    {
        var name = args.OptionalText("name");
        var page = args.Page();
        var contracts = await reader.GetContractsAsync(name, page, cancellationToken);
        return ApiResult.Ok(DtoMapper.Page(contracts, page, DtoMapper.Contract), KalpJsonContext.Default.PageDtoContractDto);
    }

    public static async ValueTask<ApiResult> ByIdAsync(ILedgerReader reader, CallReader args, CancellationToken cancellationToken)
    {
        var contractId = args.Text("contractId");
        return await reader.GetContractAsync(contractId, cancellationToken) is { } info
            ? ApiResult.Ok(DtoMapper.Contract(info), KalpJsonContext.Default.ContractDto)
            : ContractNotFound(contractId);
    }

    public static async ValueTask<ApiResult> TokenAsync(ILedgerReader reader, CallReader args, CancellationToken cancellationToken)
    {
        var contractId = args.Text("contractId");
        return await reader.GetContractAsync(contractId, cancellationToken) is { } info
            ? ApiResult.Ok(DtoMapper.Token(info), KalpJsonContext.Default.TokenDto)
            : ContractNotFound(contractId);
    }

    public static async ValueTask<ApiResult> BalanceAsync(ILedgerReader reader, CallReader args, CancellationToken cancellationToken)
    {
        var address = args.Hex("address", 40);
        var contractId = args.OptionalContractId("contractId") ?? KalpNetwork.GiniContractId;
        if (await reader.GetContractAsync(contractId, cancellationToken) is not { } info)
        {
            return ContractNotFound(contractId);
        }
        var balance = await reader.GetBalanceAsync(contractId, address, cancellationToken);
        var contract = info.Contract;
        var dto = new BalanceDto(address, contractId, TokenAmount.ToText(balance), TokenAmount.Format(balance, contract.Decimals), contract.Symbol, contract.Decimals);
        return ApiResult.Ok(dto, KalpJsonContext.Default.BalanceDto);
    }

    public static ApiResult ContractNotFound(string contractId) =>
        ApiResult.Fail(ApiError.NotFound(KalpErrorCodes.ContractNotFound, $"There is no contract {contractId} on this network."));
}
