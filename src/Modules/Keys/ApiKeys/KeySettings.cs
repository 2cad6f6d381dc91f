namespace KsQuery.Modules.Keys.ApiKeys;

/// <summary>Everything a key is issued with, apart from its material. <paramref name="AccountId"/> is the owner: the
/// account, or the team (<paramref name="TeamId"/>) for a team's key; <paramref name="CreatedBy"/> the account that issues it.</summary>
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
    string? TeamId = null,
    string? CreatedBy = null,
    Restrictions.KeyRestrictions? Restrictions = null);
