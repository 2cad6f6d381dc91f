using System.Text.Json;
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
        var arguments = ReadArguments(args.Call.Body);
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
                await reader.GetBalanceAsync(contractId, Address(arguments, "account"), cancellationToken))),
            "Allowance" => Text(contractId, function, TokenAmount.ToText(
                await reader.GetAllowanceAsync(contractId, Address(arguments, "owner"), Address(arguments, "spender"), cancellationToken))),
            _ => ApiResult.Fail(ApiError.NotFound(KalpErrorCodes.FunctionNotFound,
                $"Contract {contractId} has no read function {function}; it answers Name, Symbol, Decimals, TotalSupply, BalanceOf and Allowance.")),
        };
    }

    /// <summary>The body's <c>args</c> object (empty when absent); <c>walletAddress</c>, when given, must be an address.</summary>
    private static JsonElement? ReadArguments(JsonElement? body)
    {
        if (body is not { } root || root.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidParameterException("body", "The body must be a JSON object: {\"walletAddress\"?, \"args\"}.");
        }
        if (root.TryGetProperty("walletAddress", out var wallet) && wallet.ValueKind != JsonValueKind.Null
            && (wallet.ValueKind != JsonValueKind.String || !Patterns.IsHex(wallet.GetString()!, 40)))
        {
            throw new InvalidParameterException("walletAddress", "'walletAddress' must be 40 hex characters without a 0x prefix.");
        }
        if (!root.TryGetProperty("args", out var arguments) || arguments.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return arguments.ValueKind == JsonValueKind.Object
            ? arguments
            : throw new InvalidParameterException("args", "'args' must be a JSON object of named arguments, e.g. {\"account\": \"<address>\"}.");
    }

    private static string Address(JsonElement? arguments, string name)
    {
        var field = $"args.{name}";
        if (arguments is not { } args || !args.TryGetProperty(name, out var value))
        {
            throw new InvalidParameterException(field, $"'{field}' is required.");
        }
        if (value.ValueKind != JsonValueKind.String || !Patterns.IsHex(value.GetString()!, 40))
        {
            throw new InvalidParameterException(field, $"'{field}' must be 40 hex characters without a 0x prefix.");
        }
        return value.GetString()!.ToLowerInvariant();
    }

    private static ApiResult Text(string contractId, string function, string result) =>
        ApiResult.Ok(new ContractQueryTextDto(contractId, function, result), KalpJsonContext.Default.ContractQueryTextDto);
}
