using System.Text.Json.Serialization;
using KsQuery.Modules.Keys.ApiKeys.Restrictions;

namespace KsQuery.Modules.Keys.ApiKeys;

/// <summary>A key as lists and reads show it: masked (<c>display</c>), never the plaintext or its hash. <c>usage</c>
/// (all-time totals) is present on reads of one key only; <c>teamId</c> and <c>createdBy</c> (the member who issued it)
/// on a team's keys only.</summary>
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
    DateTimeOffset? LastUsedAt,
    ApiKeyRestrictionsDto Restrictions,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ApiKeyUsageTotals? Usage = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TeamId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CreatedBy = null);

/// <summary>Every answered call made with the key, and those answered with status 400 or more.</summary>
internal sealed record ApiKeyUsageTotals(long Requests, long Errors);
