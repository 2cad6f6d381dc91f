using System.Text.Json;
using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.KalpDlt.Apis;
using KsQuery.Plugins.KalpDlt.Catalog;
using KsQuery.Plugins.KalpDlt.Json;
using KsQuery.Plugins.KalpDlt.Ledger;

namespace KsQuery.Plugins.KalpDlt.Gateway;

/// <summary>contract-query, token and balance, evaluated through the Kalp gateway in the same shapes as the local ledger answers.</summary>
internal sealed class GatewayApis(KalpGatewayClient client, GatewaySettings settings)
{
    private static readonly JsonElement NoArgs = JsonDocument.Parse("{}").RootElement.Clone();

    public async Task<ApiResult> ContractQueryAsync(CallReader args, CancellationToken cancellationToken)
    {
        var contractId = args.Text("contractId");
        var function = args.Text("function");
        var body = QueryBody.Read(args.Call.Body);
        var (arguments, owner) = function switch
        {
            "BalanceOf" => Arguments(("account", body.Address("account"))),
            "Allowance" => Arguments(("owner", body.Address("owner")), ("spender", body.Address("spender"))),
            _ => (body.Args ?? NoArgs, null),
        };
        var wallet = body.WalletAddress ?? settings.WalletAddress ?? owner ?? throw new InvalidParameterException("walletAddress",
            "'walletAddress' is required: this network queries through the Kalp gateway and has no default wallet configured.");
        var value = await client.EvaluateAsync(contractId, function, wallet, arguments, "args", cancellationToken);
        return function switch
        {
            "Name" or "Symbol" => Text(contractId, function, GatewayValues.Text(value, function)),
            "Decimals" => ApiResult.Ok(new ContractQueryNumberDto(contractId, function, GatewayValues.Decimals(value, function)),
                KalpJsonContext.Default.ContractQueryNumberDto),
            "TotalSupply" or "BalanceOf" or "Allowance" => Text(contractId, function, GatewayValues.AmountText(value, function)),
            _ => ApiResult.Ok(new ContractQueryJsonDto(contractId, function, value), KalpJsonContext.Default.ContractQueryJsonDto),
        };
    }

    public async Task<ApiResult> TokenAsync(CallReader args, CancellationToken cancellationToken)
    {
        var contractId = args.Text("contractId");
        if (settings.WalletAddress is not { } wallet)
        {
            return ApiResult.Fail(ApiError.NotSupported(KalpErrorCodes.NotSupportedBySource,
                "This network is configured to use the Kalp gateway, which needs a default wallet (setting WalletAddress) to read token info."));
        }
        var name = client.EvaluateAsync(contractId, "Name", wallet, NoArgs, "contractId", cancellationToken);
        var symbol = client.EvaluateAsync(contractId, "Symbol", wallet, NoArgs, "contractId", cancellationToken);
        var decimals = client.EvaluateAsync(contractId, "Decimals", wallet, NoArgs, "contractId", cancellationToken);
        var supply = client.EvaluateAsync(contractId, "TotalSupply", wallet, NoArgs, "contractId", cancellationToken);
        await WhenAllAsync(name, symbol, decimals, supply);
        var places = GatewayValues.Decimals(decimals.Result, "Decimals");
        var total = GatewayValues.Amount(supply.Result, "TotalSupply");
        var dto = new TokenDto(contractId, GatewayValues.Text(name.Result, "Name"), GatewayValues.Text(symbol.Result, "Symbol"), places,
            TokenAmount.ToText(total), TokenAmount.Format(total, places), Holders: null);
        return ApiResult.Ok(dto, KalpJsonContext.Default.TokenDto);
    }

    public async Task<ApiResult> BalanceAsync(CallReader args, CancellationToken cancellationToken)
    {
        var address = args.Hex("address", 40);
        var contractId = args.OptionalContractId("contractId") ?? KalpNetwork.GiniContractId;
        var wallet = settings.WalletAddress ?? address;
        var (arguments, _) = Arguments(("account", address));
        var balance = client.EvaluateAsync(contractId, "BalanceOf", wallet, arguments, "address", cancellationToken);
        var symbol = client.EvaluateAsync(contractId, "Symbol", wallet, NoArgs, "contractId", cancellationToken);
        var decimals = client.EvaluateAsync(contractId, "Decimals", wallet, NoArgs, "contractId", cancellationToken);
        await WhenAllAsync(balance, symbol, decimals);
        var amount = GatewayValues.Amount(balance.Result, "BalanceOf");
        var places = GatewayValues.Decimals(decimals.Result, "Decimals");
        var dto = new BalanceDto(address, contractId, TokenAmount.ToText(amount), TokenAmount.Format(amount, places),
            GatewayValues.Text(symbol.Result, "Symbol"), places);
        return ApiResult.Ok(dto, KalpJsonContext.Default.BalanceDto);
    }

    /// <summary>Waits for every call, then throws the first failure in argument order (not completion order), so that
    /// the error a client sees does not depend on timing.</summary>
    private static async Task WhenAllAsync(params Task<JsonElement>[] calls)
    {
        try
        {
            await Task.WhenAll(calls);
        }
        catch
        {
            foreach (var call in calls)
            {
                if (call.Exception?.InnerException is { } failure)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
                }
            }
            throw;
        }
    }

    /// <summary>Named address arguments as a JSON object; the first one is the wallet used when none is given.</summary>
    private static (JsonElement Args, string? FirstAddress) Arguments(params (string Name, string Address)[] values)
    {
        var map = values.ToDictionary(v => v.Name, v => v.Address, StringComparer.Ordinal);
        return (JsonSerializer.SerializeToElement(map, GatewayJsonContext.Default.DictionaryStringString), values[0].Address);
    }

    private static ApiResult Text(string contractId, string function, string result) =>
        ApiResult.Ok(new ContractQueryTextDto(contractId, function, result), KalpJsonContext.Default.ContractQueryTextDto);
}
