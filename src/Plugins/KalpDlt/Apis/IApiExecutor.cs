using KsQuery.Plugins.Abstractions;

namespace KsQuery.Plugins.KalpDlt.Apis;

/// <summary>Answers catalog calls from one data source: the local ledger or the Kalp gateway.</summary>
internal interface IApiExecutor
{
    ValueTask<ApiResult> ExecuteAsync(ApiCall call, CancellationToken cancellationToken);

    static ApiResult? WrongNetwork(ApiCall call) =>
        string.Equals(call.NetworkId, KsQuery.Plugins.KalpDlt.Ledger.KalpNetwork.NetworkId, StringComparison.OrdinalIgnoreCase)
            ? null
            : ApiResult.Fail(ApiError.NotFound("network_not_found", $"KALP DLT has no network '{call.NetworkId}'."));

    static ApiResult UnknownApi(ApiCall call) =>
        ApiResult.Fail(ApiError.NotFound("api_not_found", $"The KALP DLT catalog has no API '{call.ApiId}'."));
}
