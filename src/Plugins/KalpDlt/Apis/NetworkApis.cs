using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.KalpDlt.Json;
using KsQuery.Plugins.KalpDlt.Ledger;

namespace KsQuery.Plugins.KalpDlt.Apis;

internal static class NetworkApis
{
    public static ApiResult Info(ChainHead head)
    {
        var dto = new NetworkInfoDto(
            $"{KalpNetwork.ChainName} {KalpNetwork.NetworkName}", KalpNetwork.NetworkId, KalpNetwork.NumericChainId, KalpNetwork.Channel,
            KalpNetwork.Currency, KalpNetwork.CurrencyDecimals, head.Height, head.Latest.Number, head.Latest.Hash,
            head.Latest.Timestamp.UtcDateTime, "local-ledger");
        return ApiResult.Shared(dto, KalpJsonContext.Default.NetworkInfoDto);
    }

    public static async ValueTask<ApiResult> ChannelsAsync(ILedgerReader reader, CallReader args, CancellationToken cancellationToken)
    {
        var page = args.Page();
        var head = await reader.GetHeadAsync(cancellationToken);
        var channels = new[] { new ChannelDto(KalpNetwork.Channel, head.Genesis.Hash, head.Height, head.TransactionCount, head.Genesis.Timestamp.UtcDateTime) };
        var items = channels.Skip((int)Math.Min(page.Skip, int.MaxValue)).Take(page.Size).ToArray();
        return ApiResult.Ok(new PageDto<ChannelDto>(items, page.Page, page.Size, channels.Length), KalpJsonContext.Default.PageDtoChannelDto);
    }
}
