namespace KsQuery.Modules.Keys.ApiKeys.Create;

/// <summary>Only <c>name</c> is required; every other field may be left out (or null). The defaults make the OpenAPI
/// document say so: a constructor parameter without one is listed as required. <c>teamId</c>: issue the key for a team.</summary>
internal sealed record CreateApiKeyRequest(
    string? Name,
    string? Description = null,
    string? Chain = null,
    string? Network = null,
    DateTimeOffset? ExpiresAt = null,
    long? RateLimitPerSecond = null,
    long? MonthlyQuota = null,
    bool? Recoverable = null,
    string? TeamId = null,
    Restrictions.ApiKeyRestrictionsDto? Restrictions = null);
