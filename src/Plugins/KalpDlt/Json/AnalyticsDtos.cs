namespace KsQuery.Plugins.KalpDlt.Json;

internal sealed record ChaincodeAnalyticsDto(
    string? SmartContractName,
    DateTime? From,
    DateTime? To,
    long TotalTransactions,
    IReadOnlyList<ChaincodeCountDto> Items);

internal sealed record ChaincodeCountDto(
    string ContractId,
    string SmartContractName,
    long TransactionCount,
    long SuccessfulCount,
    long FailedCount);
