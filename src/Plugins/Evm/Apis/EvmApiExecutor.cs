using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.Evm.Catalog;
using KsQuery.Plugins.Evm.Encoding;
using KsQuery.Plugins.Evm.Gateway;

namespace KsQuery.Plugins.Evm.Apis;

/// <summary>Routes a call to its API. Every parameter is read and checked before the first upstream call.</summary>
internal sealed class EvmApiExecutor(EvmChain chain, IReadOnlyDictionary<string, NetworkUpstream> upstreams, int maxLogBlockRange)
{
    public async ValueTask<ApiResult> ExecuteAsync(ApiCall call, CancellationToken cancellationToken)
    {
        if (chain.Network(call.NetworkId) is not { } network)
            return ApiResult.Fail(ApiError.NotFound("network_not_found", $"{chain.Name} has no network '{EvmCatalogText.Shorten(call.NetworkId)}'."));
        if (!upstreams.TryGetValue(network.Id, out var upstream) || !upstream.IsAvailable)
            return ApiResult.Fail(RpcErrors.Unavailable($"Network {chain.Id}/{network.Id} has no usable upstream; see /health."));
        var args = new CallReader(call);
        var rpc = upstream.Client;
        try
        {
            return call.ApiId switch
            {
                EvmApiIds.NetworkInfo => await NetworkApis.NetworkInfoAsync(upstream, cancellationToken),
                EvmApiIds.BlockNumber => await NetworkApis.BlockNumberAsync(rpc, cancellationToken),
                EvmApiIds.Block => await BlockApis.BlockAsync(args, rpc, cancellationToken),
                EvmApiIds.BlockByHash => await BlockApis.BlockByHashAsync(args, rpc, cancellationToken),
                EvmApiIds.BlockTransactions => await BlockApis.TransactionsAsync(args, rpc, cancellationToken),
                EvmApiIds.Transaction => await TransactionApis.TransactionAsync(args, rpc, cancellationToken),
                EvmApiIds.TransactionReceipt => await TransactionApis.ReceiptAsync(args, rpc, cancellationToken),
                EvmApiIds.AccountBalance => await AccountApis.BalanceAsync(args, rpc, cancellationToken),
                EvmApiIds.AccountNonce => await AccountApis.NonceAsync(args, rpc, cancellationToken),
                EvmApiIds.AccountCode => await AccountApis.CodeAsync(args, rpc, cancellationToken),
                EvmApiIds.TokenInfo => await TokenApis.InfoAsync(args, rpc, cancellationToken),
                EvmApiIds.TokenBalance => await TokenApis.BalanceAsync(args, rpc, cancellationToken),
                EvmApiIds.ContractCall => await ContractApis.CallAsync(args, rpc, cancellationToken),
                EvmApiIds.ContractCallFunction => await ContractApis.CallFunctionAsync(args, rpc, cancellationToken),
                EvmApiIds.Logs => await LogApis.LogsAsync(args, rpc, maxLogBlockRange, cancellationToken),
                EvmApiIds.Rpc => await RpcApi.CallAsync(args, rpc, cancellationToken),
                _ => ApiResult.Fail(ApiError.NotFound("api_not_found", $"The {chain.Name} catalog has no API '{EvmCatalogText.Shorten(call.ApiId)}'.")),
            };
        }
        catch (InvalidParameterException ex)
        {
            return ApiResult.Fail(ApiError.Invalid(ex.Field, ex.Message));
        }
        catch (AbiException ex)
        {
            return ApiResult.Fail(ApiError.Invalid(ex.Field, ex.Message));
        }
        catch (RpcFailure failure)
        {
            return ApiResult.Fail(failure.Error);
        }
    }
}
