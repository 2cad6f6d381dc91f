using System.Text.Json;
using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.Evm.Catalog;
using KsQuery.Plugins.Evm.Gateway;

namespace KsQuery.Plugins.Evm.Apis;

/// <summary>eth_call against an address that must hold code: the code is read alongside the calls, so an address
/// without code answers 404 contract_not_found rather than an empty result.</summary>
internal static class ContractCalls
{
    public static async Task<string> CallAsync(RpcClient rpc, string to, string data, string? from, string block, CancellationToken cancellationToken) =>
        (await CallAllAsync(rpc, to, from, block, cancellationToken, data))[0];

    /// <summary>Several calls of one contract at one block, side by side, with one code check.</summary>
    public static async Task<string[]> CallAllAsync(RpcClient rpc, string to, string? from, string block, CancellationToken cancellationToken,
        params string[] data)
    {
        var code = rpc.CallAsync("eth_getCode", cancellationToken, to, block);
        var calls = data.Select(d => rpc.CallAsync("eth_call", w =>
        {
            w.WriteStartObject();
            if (from is not null)
                w.WriteString("from", from);
            w.WriteString("to", to);
            w.WriteString("data", d);
            w.WriteEndObject();
            w.WriteStringValue(block);
        }, cancellationToken)).ToArray();
        try
        {
            await Task.WhenAll([code, .. calls]);
        }
        catch (RpcFailure) when (code.IsCompletedSuccessfully && !HasCode(code.Result))
        {
            // A call failed, but the address holds no code: that is the answer.
        }
        if (!HasCode(await code))
            throw new RpcFailure(ApiError.NotFound(EvmErrorCodes.ContractNotFound, $"No contract code at {to} at block {block}."));
        var results = new string[calls.Length];
        for (var i = 0; i < calls.Length; i++)
            results[i] = RpcRead.Data(await calls[i], "eth_call");
        return results;
    }

    private static bool HasCode(JsonElement code) => RpcRead.Data(code, "eth_getCode").Length > 2;
}
