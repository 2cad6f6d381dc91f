namespace KsQuery.Plugins.KalpDlt.Json;

internal sealed record TransactionSummaryDto(
    string TxId,
    long BlockNumber,
    int TxIndex,
    DateTime Timestamp,
    string Type,
    string? ContractId,
    string? Function,
    string? Creator,
    string Status,
    int ValidationCode);

internal sealed record TransactionDto(
    string TxId,
    long BlockNumber,
    string BlockHash,
    int TxIndex,
    string Channel,
    string Type,
    DateTime Timestamp,
    string CreatorMspId,
    string? Creator,
    string? ContractId,
    string? Function,
    IReadOnlyList<string> Args,
    IReadOnlyList<ReadDto> ReadSet,
    IReadOnlyList<WriteDto> WriteSet,
    ChaincodeEventDto? Event,
    int ValidationCode,
    string ValidationCodeName,
    string Status);

/// <param name="Version">The committed version read, or null when the key did not exist.</param>
internal sealed record ReadDto(string Key, KeyVersionDto? Version);

internal sealed record KeyVersionDto(long BlockNumber, int TxNumber);

internal sealed record WriteDto(string Key, string Value);

internal sealed record ChaincodeEventDto(string Name, IReadOnlyDictionary<string, string> Payload);
