using System.Text.Json;
using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.Evm.Catalog;
using KsQuery.Plugins.Evm.Gateway;
using KsQuery.Plugins.Evm.Json;

namespace KsQuery.Plugins.Evm.Apis;

/// <summary>The raw JSON-RPC passthrough, for the allowlisted read methods only.</summary>
internal static class RpcApi
{
    private const int MaxParams = 16;

    public static async Task<ApiResult> CallAsync(CallReader args, RpcClient rpc, CancellationToken cancellationToken)
    {
        var body = args.Body();
        var method = CallReader.OptionalString(body, "method") ?? throw new InvalidParameterException("method", "'method' is required.");
        if (!RpcAllowlist.Allows(method))
            return ApiResult.Fail(new ApiError(400, EvmErrorCodes.RpcMethodNotAllowed, "JSON-RPC method not allowed",
                $"'{Catalog.EvmCatalogText.Shorten(method)}' is not one of the allowed read methods ({string.Join(", ", RpcAllowlist.Methods)})."));
        JsonElement? parameters = null;
        if (body.TryGetProperty("params", out var value) && value.ValueKind != JsonValueKind.Null)
        {
            if (value.ValueKind != JsonValueKind.Array)
                throw new InvalidParameterException("params", "'params' must be a JSON array.");
            if (value.GetArrayLength() > MaxParams)
                throw new InvalidParameterException("params", $"'params' may hold at most {MaxParams} items.");
            parameters = value;
        }
        var result = await rpc.CallAsync(method, w =>
        {
            if (parameters is { } items)
                foreach (var item in items.EnumerateArray())
                    item.WriteTo(w);
        }, cancellationToken);
        return ApiResult.Ok(new RpcResultDto(result), EvmJsonContext.Default.RpcResultDto);
    }
}
