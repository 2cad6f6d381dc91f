namespace KsQuery.Contracts.Http;

/// <summary>The API key a keyed request was authenticated with; set as an HttpContext feature by the
/// API-key authentication handler so later stages read it without parsing claims.</summary>
public sealed record VerifiedKey(
    string KeyId,
    string AccountId,
    string Chain,
    string Network,
    string Display,
    int RateLimitPerSecond,
    long? MonthlyQuota);
