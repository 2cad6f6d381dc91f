using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.KalpDlt.Apis;
using KsQuery.Plugins.KalpDlt.Catalog;

namespace KsQuery.Plugins.KalpDlt.Gateway;

/// <summary>Routes calls when the network uses the Kalp gateway: three APIs go upstream, the rest of the catalog answers 501.</summary>
internal sealed class GatewayApiExecutor(GatewayApis apis, IReadOnlySet<string> catalogApiIds) : IApiExecutor
{
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
                KalpApiIds.ContractQuery => await apis.ContractQueryAsync(args, cancellationToken),
                KalpApiIds.Token => await apis.TokenAsync(args, cancellationToken),
                KalpApiIds.Balance => await apis.BalanceAsync(args, cancellationToken),
                _ when catalogApiIds.Contains(call.ApiId) => ApiResult.Fail(GatewayErrors.NotSupported(call.ApiId)),
                _ => IApiExecutor.UnknownApi(call),
            };
        }
        catch (InvalidParameterException ex)
        {
            return ApiResult.Fail(ApiError.Invalid(ex.Field, ex.Message));
        }
        catch (GatewayFailure failure)
        {
            return ApiResult.Fail(failure.Error);
        }
    }
}
