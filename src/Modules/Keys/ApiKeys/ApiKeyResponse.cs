namespace KsQuery.Modules.Keys.ApiKeys;

/// <summary>A key as lists and reads show it: masked (<c>display</c>), never the plaintext or its hash.</summary>
internal sealed record ApiKeyResponse(
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
    DateTimeOffset? LastUsedAt);
