using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.KalpDlt.Catalog;
using KsQuery.Plugins.KalpDlt.Ledger;

namespace KsQuery.Plugins.KalpDlt.Apis;

/// <summary>Routes a call to its API by id.</summary>
internal sealed class KalpApiExecutor(ILedgerReader reader)
{
    public async ValueTask<ApiResult> ExecuteAsync(ApiCall call, CancellationToken cancellationToken)
    {
        if (!string.Equals(call.NetworkId, KalpNetwork.NetworkId, StringComparison.OrdinalIgnoreCase))
        {
            return ApiResult.Fail(ApiError.NotFound("network_not_found", $"KALP DLT has no network '{call.NetworkId}'."));
        }
        var args = new CallReader(call);
        try
        {
            return call.ApiId switch
            {
                KalpApiIds.NetworkInfo => await NetworkApis.InfoAsync(reader, cancellationToken),
                KalpApiIds.Channels => await NetworkApis.ChannelsAsync(reader, args, cancellationToken),
                KalpApiIds.Blocks => await BlockApis.ListAsync(reader, args, cancellationToken),
                KalpApiIds.BlockLatest => await BlockApis.LatestAsync(reader, cancellationToken),
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
                _ => ApiResult.Fail(ApiError.NotFound("api_not_found", $"The KALP DLT catalog has no API '{call.ApiId}'.")),
            };
        }
        catch (InvalidParameterException ex)
        {
            return ApiResult.Fail(ApiError.Invalid(ex.Field, ex.Message));
        }
    }
}
