using KsQuery.Modules.Usage.Alerts;

namespace KsQuery.Modules.Usage.Summary;

/// <summary>Usage of all the caller's keys in [from, to).</summary>
public sealed record UsageSummaryDto(
    DateTimeOffset? From,
    DateTimeOffset? To,
    long Requests,
    long Errors,
    long Rejections,
    IReadOnlyList<KeySummaryDto> ByKey,
    IReadOnlyList<ApiSummaryDto> ByApi,
    IReadOnlyDictionary<string, long> ByStatus,
    IReadOnlyList<UsageAlertDto> Alerts);

public sealed record KeySummaryDto(string KeyId, long Requests, long Errors, long Rejections, DateTimeOffset? LastUsedAt);

/// <summary>One API's calls; <c>p50Ms</c>/<c>p95Ms</c>: latency percentiles of its answered calls (null when unknown).</summary>
public sealed record ApiSummaryDto(string Chain, string Network, string ApiId, long Requests, long Errors, double? P50Ms, double? P95Ms);
