namespace KsQuery.Modules.Usage.KeyUsage;

public sealed record KeyUsageDto(
    string KeyId,
    long Requests,
    long Errors,
    DateTimeOffset? LastUsedAt,
    IReadOnlyList<ApiUsageDto> ByApi,
    QuotaDto Quota);

public sealed record ApiUsageDto(string ApiId, long Requests, long Errors);

/// <summary>Monthly quota state; <c>limit</c> is null when the key has no quota. Months are UTC calendar months.</summary>
public sealed record QuotaDto(long? Limit, long Used, DateTimeOffset ResetsAt);
