using System.Text.Json;
using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.Evm.Encoding;
using KsQuery.Plugins.Evm.Gateway;
using KsQuery.Plugins.Evm.Json;

namespace KsQuery.Plugins.Evm.Apis;

internal static class ContractApis
{
    private static readonly EvmJsonContext Json = EvmJsonContext.Default;

    public static async Task<ApiResult> CallAsync(CallReader args, RpcClient rpc, CancellationToken cancellationToken)
    {
        var to = args.Address("address");
        var body = args.Body();
        var data = CallReader.OptionalString(body, "data") ?? throw new InvalidParameterException("data", "'data' is required: the ABI-encoded call data, 0x hex.");
        if (!HexData.IsValid(data) || data[1] != 'x')
            throw new InvalidParameterException("data", "'data' must be 0x followed by an even number of hex characters.");
        var (from, block) = Common(body);
        var result = await ContractCalls.CallAsync(rpc, to, data.ToLowerInvariant(), from, block, cancellationToken);
        return ApiResult.Ok(new CallResultDto(result), Json.CallResultDto);
    }

    public static async Task<ApiResult> CallFunctionAsync(CallReader args, RpcClient rpc, CancellationToken cancellationToken)
    {
        var to = args.Address("address");
        var body = args.Body();
        var signature = CallReader.OptionalString(body, "function")
            ?? throw new InvalidParameterException("function", "'function' is required: a signature such as balanceOf(address).");
        if (!AbiFunction.TryParse(signature, out var function, out var problem))
            throw new InvalidParameterException("function", problem);
        var callArgs = Array(body, "args");
        var returns = new List<AbiType>();
        foreach (var (item, i) in Array(body, "returns").Select((item, i) => (item, i)))
        {
            if (item.ValueKind != JsonValueKind.String || !AbiType.TryParse(item.GetString(), out var type, out problem))
                throw new InvalidParameterException($"returns[{i}]", item.ValueKind == JsonValueKind.String ? problem : "must be an ABI type name such as uint256.");
            returns.Add(type);
        }
        var data = AbiCodec.EncodeCall(function, callArgs);
        var (from, block) = Common(body);
        var result = await ContractCalls.CallAsync(rpc, to, data, from, block, cancellationToken);
        if (returns.Count > 0 && result.Length <= 2)
            throw new RpcFailure(RpcErrors.Reverted($"{function.Canonical} returned no data: the contract may have no such function."));
        return ApiResult.Ok(new CallFunctionResultDto(result, AbiCodec.Decode(result, returns)), Json.CallFunctionResultDto);
    }

    private static (string? From, string Block) Common(JsonElement body)
    {
        var from = CallReader.OptionalString(body, "from") is { } text ? CallReader.CheckAddress("from", text) : null;
        var (block, _) = CallReader.ParseBlock("block", CallReader.OptionalString(body, "block") ?? "latest");
        return (from, block);
    }

    private static List<JsonElement> Array(JsonElement body, string field)
    {
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            return [];
        if (value.ValueKind != JsonValueKind.Array)
            throw new InvalidParameterException(field, $"'{field}' must be a JSON array.");
        var items = value.EnumerateArray().ToList();
        return items.Count <= 64 ? items : throw new InvalidParameterException(field, $"'{field}' may hold at most 64 items.");
    }
}
