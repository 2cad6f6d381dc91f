using System.ComponentModel;

namespace KsQuery.Plugins.Evm.Json;

internal sealed record BlockDto(
    long Number,
    string Hash,
    string ParentHash,
    [property: Description("Unix time in seconds.")] long Timestamp,
    [property: Description("EIP-55 checksummed address of the block's beneficiary.")] string Miner,
    long GasLimit,
    long GasUsed,
    [property: Description("Wei, as a decimal string; null before London (EIP-1559).")] string? BaseFeePerGas,
    [property: Description("Size in bytes.")] long Size,
    int TransactionCount,
    [property: Description("The hashes of the block's transactions, in block order.")] IReadOnlyList<string> Transactions);
