using System.Text.Json;
using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.Evm.Catalog;
using KsQuery.Plugins.Evm.Gateway;

namespace KsQuery.Plugins.Evm.Apis;

/// <summary>eth_call against an address that must hold code: the code is read alongside the call, so an address
/// without code answers 404 contract_not_found rather than an empty result.</summary>
internal static class ContractCalls
{
    public static async Task<string> CallAsync(RpcClient rpc, string to, string data, string? from, string block, CancellationToken cancellationToken)
    {
        var code = rpc.CallAsync("eth_getCode", cancellationToken, to, block);
        var call = rpc.CallAsync("eth_call", w =>
        {
            w.WriteStartObject();
            if (from is not null)
                w.WriteString("from", from);
            w.WriteString("to", to);
            w.WriteString("data", data);
            w.WriteEndObject();
            w.WriteStringValue(block);
        }, cancellationToken);
        try
        {
            await Task.WhenAll(code, call);
        }
        catch (RpcFailure) when (code.IsCompletedSuccessfully && !HasCode(code.Result))
        {
            // The call failed, but the address holds no code: that is the answer.
        }
        if (!HasCode(await code))
            throw new RpcFailure(ApiError.NotFound(EvmErrorCodes.ContractNotFound, $"No contract code at {to} at block {block}."));
        return RpcRead.Data(await call, "eth_call");
    }

    private static bool HasCode(JsonElement code) => RpcRead.Data(code, "eth_getCode").Length > 2;
}
