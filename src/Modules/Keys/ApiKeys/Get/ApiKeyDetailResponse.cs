namespace KsQuery.Modules.Keys.ApiKeys.Get;

/// <summary>One key, masked, with its all-time usage totals.</summary>
internal sealed record ApiKeyDetailResponse(
    string Id,
    string Name,
    string? Description,
    string Chain,
    string Network,
    string Display,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokeAt,
    DateTimeOffset? RevokedAt,
    string? ReplacedBy,
    int RateLimitPerSecond,
    long? MonthlyQuota,
    bool Recoverable,
    DateTimeOffset? LastUsedAt,
    ApiKeyUsageTotals Usage)
{
    public static ApiKeyDetailResponse From(ApiKeyResponse key, ApiKeyUsageTotals usage) => new(
        key.Id, key.Name, key.Description, key.Chain, key.Network, key.Display, key.Status, key.CreatedAt, key.ExpiresAt,
        key.RevokeAt, key.RevokedAt, key.ReplacedBy, key.RateLimitPerSecond, key.MonthlyQuota, key.Recoverable, key.LastUsedAt, usage);
}

/// <summary>Every answered call made with the key, and those answered with status 400 or more.</summary>
internal sealed record ApiKeyUsageTotals(long Requests, long Errors);
