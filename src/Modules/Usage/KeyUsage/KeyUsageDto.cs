using KsQuery.Modules.Usage.Alerts;

namespace KsQuery.Modules.Usage.KeyUsage;

public sealed record KeyUsageDto(
    string KeyId,
    DateTimeOffset? From,
    DateTimeOffset? To,
    long Requests,
    long Errors,
    long Rejections,
    DateTimeOffset? LastUsedAt,
    IReadOnlyList<ApiUsageDto> ByApi,
    IReadOnlyDictionary<string, long> ByStatus,
    QuotaDto Quota,
    IReadOnlyList<UsageAlertDto> Alerts);

/// <summary>One API's calls with the key; <c>p50Ms</c>/<c>p95Ms</c>: latency percentiles of its answered calls (null when unknown).</summary>
public sealed record ApiUsageDto(string ApiId, long Requests, long Errors, double? P50Ms, double? P95Ms);

/// <summary>Monthly quota state; <c>limit</c> and <c>remaining</c> are null when the key has no quota. Months are UTC calendar months.</summary>
public sealed record QuotaDto(long? Limit, long Used, long? Remaining, DateTimeOffset ResetsAt);
