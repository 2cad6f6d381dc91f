using System.Text.Json;
using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.Evm.Gateway;
using KsQuery.Plugins.Evm.Json;

namespace KsQuery.Plugins.Evm.Apis;

internal static class NetworkApis
{
    private static readonly EvmJsonContext Json = EvmJsonContext.Default;

    public static async Task<ApiResult> NetworkInfoAsync(NetworkUpstream upstream, CancellationToken cancellationToken)
    {
        var rpc = upstream.Client;
        var number = rpc.CallAsync("eth_blockNumber", cancellationToken);
        var gasPrice = rpc.CallAsync("eth_gasPrice", cancellationToken);
        var syncing = rpc.CallAsync("eth_syncing", cancellationToken);
        var client = ClientVersionAsync(rpc, cancellationToken);
        await Task.WhenAll(number, gasPrice, syncing, client);
        return ApiResult.Ok(new NetworkInfoDto(
            upstream.ChainId,
            RpcRead.Int64(await number, "eth_blockNumber"),
            RpcRead.Decimal(await gasPrice, "eth_gasPrice"),
            (await syncing).ValueKind is not (JsonValueKind.False or JsonValueKind.Null),
            await client), Json.NetworkInfoDto);
    }

    public static async Task<ApiResult> BlockNumberAsync(RpcClient rpc, CancellationToken cancellationToken) =>
        ApiResult.Ok(new BlockNumberDto(RpcRead.Int64(await rpc.CallAsync("eth_blockNumber", cancellationToken), "eth_blockNumber")), Json.BlockNumberDto);

    /// <summary>Not every node answers web3_clientVersion (some providers hide it): null then, not an error.</summary>
    private static async Task<string?> ClientVersionAsync(RpcClient rpc, CancellationToken cancellationToken)
    {
        try
        {
            var version = await rpc.CallAsync("web3_clientVersion", cancellationToken);
            return version.ValueKind == JsonValueKind.String ? RpcErrors.Clean(version.GetString(), []) : null;
        }
        catch (RpcFailure failure) when (failure.Error.Status == 502)
        {
            return null;
        }
    }
}
