using System.ComponentModel;
using System.Text.Json;

namespace KsQuery.Plugins.Evm.Json;

internal sealed record CallResultDto([property: Description("What eth_call returned, 0x hex.")] string Result);

internal sealed record CallFunctionResultDto(
    [property: Description("What eth_call returned, 0x hex.")] string Result,
    [property: Description("The decoded return values, one per type of `returns`: integers as decimal strings, addresses EIP-55 checksummed, bool as a boolean, string as text, bytes as 0x hex, arrays as arrays.")]
    IReadOnlyList<JsonElement> Values);

internal sealed record RpcResultDto([property: Description("The upstream's JSON-RPC `result`, as it came.")] JsonElement Result);
