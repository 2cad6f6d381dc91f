using System.ComponentModel;

namespace KsQuery.Plugins.Evm.Json;

internal sealed record TokenInfoDto(
    [property: Description("The token contract, EIP-55 checksummed.")] string Address,
    string Name,
    string Symbol,
    int Decimals,
    [property: Description("In the token's base units, as a decimal string.")] string TotalSupply);

internal sealed record TokenBalanceDto(
    [property: Description("The token contract, EIP-55 checksummed.")] string Token,
    [property: Description("The holder, EIP-55 checksummed.")] string Address,
    [property: Description("balanceOf in the token's base units, as a decimal string.")] string Balance,
    int Decimals);
