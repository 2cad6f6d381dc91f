using System.Globalization;
using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.Evm.Encoding;
using KsQuery.Plugins.Evm.Gateway;
using KsQuery.Plugins.Evm.Json;

namespace KsQuery.Plugins.Evm.Apis;

internal static class LogApis
{
    private static readonly EvmJsonContext Json = EvmJsonContext.Default;

    public static async Task<ApiResult> LogsAsync(CallReader args, RpcClient rpc, int maxRange, CancellationToken cancellationToken)
    {
        var address = args.OptionalAddress("address");
        var topics = new[] { args.OptionalHash("topic0"), args.OptionalHash("topic1"), args.OptionalHash("topic2"), args.OptionalHash("topic3") };
        var from = args.OptionalInt64("fromBlock", 0, long.MaxValue);
        var to = args.OptionalInt64("toBlock", 0, long.MaxValue);
        var (page, size) = args.Paging();
        if (from is { } f && to is { } t)
            CheckRange(f, t, maxRange);

        var toBlock = to ?? RpcRead.Int64(await rpc.CallAsync("eth_blockNumber", cancellationToken), "eth_blockNumber");
        var fromBlock = from ?? toBlock;
        CheckRange(fromBlock, toBlock, maxRange);

        var count = Array.FindLastIndex(topics, t => t is not null) + 1;
        var answer = await rpc.CallAsync("eth_getLogs", w =>
        {
            w.WriteStartObject();
            w.WriteString("fromBlock", HexQuantity.From(fromBlock));
            w.WriteString("toBlock", HexQuantity.From(toBlock));
            if (address is not null)
                w.WriteString("address", address);
            if (count > 0)
            {
                w.WriteStartArray("topics");
                foreach (var topic in topics.Take(count))
                {
                    if (topic is null)
                        w.WriteNullValue();
                    else
                        w.WriteStringValue(topic);
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }, cancellationToken);
        if (answer.ValueKind != System.Text.Json.JsonValueKind.Array)
            throw RpcRead.Bad("eth_getLogs");
        var total = answer.GetArrayLength();
        var items = answer.EnumerateArray().Skip((int)Math.Min((long)(page - 1) * size, int.MaxValue)).Take(size).Select(DtoMapper.Log).ToList();
        return ApiResult.Ok(new LogPageDto(items, page, size, total, fromBlock, toBlock), Json.LogPageDto);
    }

    private static void CheckRange(long from, long to, int maxRange)
    {
        if (from > to)
            throw new InvalidParameterException("fromBlock", string.Create(CultureInfo.InvariantCulture, $"'fromBlock' ({from}) is after 'toBlock' ({to})."));
        if (to - from + 1 > maxRange)
            throw new InvalidParameterException("toBlock", string.Create(CultureInfo.InvariantCulture,
                $"The range {from}..{to} spans {to - from + 1} blocks; at most {maxRange} are searched at once (MaxLogBlockRange)."));
    }
}
