using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace KsQuery.Plugins.Evm.Json;

internal sealed record TransactionDto(
    string Hash,
    [property: Description("Null while pending.")] long? BlockNumber,
    [property: Description("Null while pending.")] string? BlockHash,
    [property: Description("Null while pending.")] long? TransactionIndex,
    [property: Description("EIP-55 checksummed sender.")] string From,
    [property: Description("EIP-55 checksummed recipient; null for a contract creation.")] string? To,
    [property: Description("Wei, as a decimal string.")] string Value,
    [property: Description("The gas limit of the transaction.")] long Gas,
    [property: Description("Wei, as a decimal string; null when the node leaves it out.")] string? GasPrice,
    [property: Description("Wei, as a decimal string; null before EIP-1559 transactions.")] string? MaxFeePerGas,
    [property: Description("Wei, as a decimal string; null before EIP-1559 transactions.")] string? MaxPriorityFeePerGas,
    long Nonce,
    [property: Description("Call data, 0x hex.")] string Input,
    [property: Description("Transaction type: 0 legacy, 1 access list, 2 EIP-1559, 3 blob, 4 set-code.")] int Type);

internal sealed record ReceiptDto(
    string TransactionHash,
    long BlockNumber,
    string BlockHash,
    long TransactionIndex,
    string From,
    string? To,
    [property: Description("The created contract's address, or null.")] string? ContractAddress,
    [property: AllowedValues("success", "reverted")]
    [property: Description("success or reverted (receipts from before Byzantium carry no status and read as success).")]
    string Status,
    long GasUsed,
    long CumulativeGasUsed,
    [property: Description("Wei per gas actually paid, as a decimal string.")] string EffectiveGasPrice,
    IReadOnlyList<LogDto> Logs);

internal sealed record LogDto(
    [property: Description("EIP-55 checksummed address of the contract that emitted the log.")] string Address,
    IReadOnlyList<string> Topics,
    [property: Description("0x hex.")] string Data,
    long BlockNumber,
    string BlockHash,
    string TransactionHash,
    long TransactionIndex,
    long LogIndex,
    [property: Description("True when a reorganisation removed the log.")] bool Removed);
