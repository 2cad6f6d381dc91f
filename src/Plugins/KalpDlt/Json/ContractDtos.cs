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
    DateTime? LastTxAt);

/// <param name="TotalSupply">Base units, as a decimal string.</param>
/// <param name="Holders">Addresses with a positive balance; null when served by the Kalp gateway, which cannot count them.</param>
internal sealed record TokenDto(
    string ContractId,
    string Name,
    string Symbol,
    int Decimals,
    string TotalSupply,
    string TotalSupplyFormatted,
    int? Holders);

/// <param name="Balance">Base units, as a decimal string.</param>
/// <param name="Formatted">Whole tokens, trailing zeros trimmed.</param>
internal sealed record BalanceDto(string Address, string ContractId, string Balance, string Formatted, string Symbol, int Decimals);

/// <summary>A contract query whose result is text (names, symbols, amounts in base units).</summary>
internal sealed record ContractQueryTextDto(string ContractId, string Function, string Result);

/// <summary>A contract query whose result is a number (Decimals).</summary>
internal sealed record ContractQueryNumberDto(string ContractId, string Function, int Result);

/// <summary>A contract query answered by the Kalp gateway for a function outside KRC-20: the gateway's value as it came.</summary>
internal sealed record ContractQueryJsonDto(string ContractId, string Function, JsonElement Result);
