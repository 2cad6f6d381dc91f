namespace KsQuery.Plugins.KalpDlt.Json;

internal sealed record EventDto(
    string TxId,
    long BlockNumber,
    int TxIndex,
    DateTime Timestamp,
    string ContractId,
    string Name,
    IReadOnlyDictionary<string, string> Payload);
