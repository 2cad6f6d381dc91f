namespace KsQuery.Modules.Keys.ApiKeys;

/// <summary>A newly issued key (create, roll): the only answer that carries the plaintext <c>key</c>.</summary>
internal sealed record CreatedApiKeyResponse(
    string Id,
    string Name,
    string? Description,
    string Chain,
    string Network,
    string Key,
    string Display,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    int RateLimitPerSecond,
    long? MonthlyQuota,
    bool Recoverable,
    Restrictions.ApiKeyRestrictionsDto Restrictions,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    string? TeamId = null);
