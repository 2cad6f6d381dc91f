namespace KsQuery.Modules.Keys.ApiKeys.Create;

internal sealed record CreateApiKeyRequest(
    string? Name,
    string? Description,
    string? Chain,
    string? Network,
    DateTimeOffset? ExpiresAt,
    long? RateLimitPerSecond,
    long? MonthlyQuota,
    bool? Recoverable);
