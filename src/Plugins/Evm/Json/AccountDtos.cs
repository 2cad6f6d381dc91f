using System.ComponentModel;

namespace KsQuery.Plugins.Evm.Json;

internal sealed record BalanceDto(
    [property: Description("EIP-55 checksummed.")] string Address,
    [property: Description("The block asked: a tag such as latest, or a decimal number.")] string Block,
    [property: Description("Wei, as a decimal string.")] string Balance);

internal sealed record NonceDto(string Address, string Block, [property: Description("eth_getTransactionCount.")] long Nonce);

internal sealed record CodeDto(string Address, string Block, [property: Description("The deployed bytecode, 0x hex (0x for none).")] string Code, bool IsContract);
