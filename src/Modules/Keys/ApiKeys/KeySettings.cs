namespace KsQuery.Modules.Keys.ApiKeys;

/// <summary>Everything a key is issued with, apart from its material.</summary>
internal sealed record KeySettings(
    string AccountId,
    string Name,
    string? Description,
    string Chain,
    string Network,
    bool IsTest,
    DateTimeOffset? ExpiresAt,
    int RateLimitPerSecond,
    long? MonthlyQuota,
    bool Recoverable,
    Restrictions.KeyRestrictions? Restrictions = null);
