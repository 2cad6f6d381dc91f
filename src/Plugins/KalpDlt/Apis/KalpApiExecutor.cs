using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.KalpDlt.Catalog;
using KsQuery.Plugins.KalpDlt.Ledger;

namespace KsQuery.Plugins.KalpDlt.Apis;

/// <summary>Routes a call to its API by id, answered from the local ledger.</summary>
internal sealed class KalpApiExecutor(ILedgerReader reader) : IApiExecutor
{
    private readonly HeadAnswer _networkInfo = new(NetworkApis.Info);
    private readonly HeadAnswer _latestBlock = new(BlockApis.Latest);

    public async ValueTask<ApiResult> ExecuteAsync(ApiCall call, CancellationToken cancellationToken)
    {
        if (IApiExecutor.WrongNetwork(call) is { } wrongNetwork)
        {
            return wrongNetwork;
        }
        var args = new CallReader(call);
        try
        {
            return call.ApiId switch
            {
                KalpApiIds.NetworkInfo => _networkInfo.For(await reader.GetHeadAsync(cancellationToken)),
                KalpApiIds.Channels => await NetworkApis.ChannelsAsync(reader, args, cancellationToken),
                KalpApiIds.Blocks => await BlockApis.ListAsync(reader, args, cancellationToken),
                KalpApiIds.BlockLatest => _latestBlock.For(await reader.GetHeadAsync(cancellationToken)),
                KalpApiIds.Block => await BlockApis.ByNumberAsync(reader, args, cancellationToken),
                KalpApiIds.BlockByHash => await BlockApis.ByHashAsync(reader, args, cancellationToken),
                KalpApiIds.BlockTransactions => await BlockApis.TransactionsAsync(reader, args, cancellationToken),
                KalpApiIds.Transactions => await TransactionApis.ListAsync(reader, args, cancellationToken),
                KalpApiIds.Transaction => await TransactionApis.ByIdAsync(reader, args, cancellationToken),
                KalpApiIds.AccountTransactions => await TransactionApis.OfAccountAsync(reader, args, cancellationToken),
                KalpApiIds.Contracts => await ContractApis.ListAsync(reader, args, cancellationToken),
                KalpApiIds.Contract => await ContractApis.ByIdAsync(reader, args, cancellationToken),
                KalpApiIds.Token => await ContractApis.TokenAsync(reader, args, cancellationToken),
                KalpApiIds.Balance => await ContractApis.BalanceAsync(reader, args, cancellationToken),
                KalpApiIds.ContractQuery => await ContractQueryApi.QueryAsync(reader, args, cancellationToken),
                KalpApiIds.Events => await EventApis.ListAsync(reader, args, cancellationToken),
                KalpApiIds.AnalyticsChaincode => await AnalyticsApis.ChaincodeAsync(reader, args, cancellationToken),
                _ => IApiExecutor.UnknownApi(call),
            };
        }
        catch (InvalidParameterException ex)
        {
            return ApiResult.Fail(ApiError.Invalid(ex.Field, ex.Message));
        }
    }
}
