using System.ComponentModel;
using System.Text.Json;

namespace KsQuery.Plugins.KalpDlt.Json;

internal sealed record ContractDto(
    string ContractId,
    string Name,
    string Symbol,
    string Standard,
    string Version,
    int Decimals,
    string Owner,
    string DeployTxId,
    long DeployBlock,
    long TxCount,
    DateTime CreatedAt,
    [property: Description("The time of its latest transaction; null when it has none.")] DateTime? LastTxAt);

/// <param name="TotalSupply">Base units, as a decimal string.</param>
/// <param name="Holders">Addresses with a positive balance; null when served by the Kalp gateway, which cannot count them.</param>
internal sealed record TokenDto(
    string ContractId,
    string Name,
    string Symbol,
    int Decimals,
    [property: Description("Base units (the token's smallest unit) as a decimal string: amounts exceed what a JSON number holds exactly.")] string TotalSupply,
    [property: Description("Whole tokens as a decimal string, trailing zeros trimmed.")] string TotalSupplyFormatted,
    [property: Description("Addresses with a positive balance; null from the Kalp gateway, which cannot count them.")] int? Holders);

/// <param name="Balance">Base units, as a decimal string.</param>
/// <param name="Formatted">Whole tokens, trailing zeros trimmed.</param>
internal sealed record BalanceDto(
    string Address,
    string ContractId,
    [property: Description("Base units (the token's smallest unit) as a decimal string: amounts exceed what a JSON number holds exactly.")] string Balance,
    [property: Description("Whole tokens as a decimal string, trailing zeros trimmed.")] string Formatted,
    string Symbol,
    int Decimals);

/// <summary>A contract query whose result is text (names, symbols, amounts in base units).</summary>
internal sealed record ContractQueryTextDto(string ContractId, string Function, string Result);

/// <summary>A contract query whose result is a number (Decimals).</summary>
internal sealed record ContractQueryNumberDto(string ContractId, string Function, int Result);

/// <summary>A contract query answered by the Kalp gateway for a function outside KRC-20: the gateway's value as it came.</summary>
internal sealed record ContractQueryJsonDto(
    string ContractId,
    string Function,
    [property: Description("A string for Name, Symbol, TotalSupply, BalanceOf and Allowance (amounts in base units), an integer for Decimals; from the Kalp gateway, its JSON value as it came.")] JsonElement Result);
