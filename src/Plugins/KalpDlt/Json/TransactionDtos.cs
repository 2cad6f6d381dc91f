using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace KsQuery.Plugins.KalpDlt.Json;

internal sealed record TransactionSummaryDto(
    string TxId,
    long BlockNumber,
    int TxIndex,
    DateTime Timestamp,
    [property: Description("ENDORSER_TRANSACTION (a chaincode call) or CONFIG (a channel configuration block)."), AllowedValues("ENDORSER_TRANSACTION", "CONFIG")] string Type,
    string? ContractId,
    string? Function,
    string? Creator,
    [property: Description("SUCCESS (validation code 0) or FAILED (any other code)."), AllowedValues("SUCCESS", "FAILED")] string Status,
    [property: Description("Fabric's transaction validation code; 0 is VALID.")] int ValidationCode);

internal sealed record TransactionDto(
    string TxId,
    long BlockNumber,
    string BlockHash,
    int TxIndex,
    string Channel,
    [property: Description("ENDORSER_TRANSACTION (a chaincode call) or CONFIG (a channel configuration block)."), AllowedValues("ENDORSER_TRANSACTION", "CONFIG")] string Type,
    DateTime Timestamp,
    string CreatorMspId,
    string? Creator,
    string? ContractId,
    string? Function,
    IReadOnlyList<string> Args,
    IReadOnlyList<ReadDto> ReadSet,
    IReadOnlyList<WriteDto> WriteSet,
    ChaincodeEventDto? Event,
    [property: Description("Fabric's transaction validation code; 0 is VALID.")] int ValidationCode,
    string ValidationCodeName,
    [property: Description("SUCCESS (validation code 0) or FAILED (any other code)."), AllowedValues("SUCCESS", "FAILED")] string Status);

/// <param name="Version">The committed version read, or null when the key did not exist.</param>
internal sealed record ReadDto(string Key, [property: Description("The committed version read; null when the key did not exist.")] KeyVersionDto? Version);

internal sealed record KeyVersionDto(long BlockNumber, int TxNumber);

internal sealed record WriteDto(string Key, [property: Description("The value written; token balances and supplies in base units as a decimal string.")] string Value);

internal sealed record ChaincodeEventDto(string Name, IReadOnlyDictionary<string, string> Payload);
