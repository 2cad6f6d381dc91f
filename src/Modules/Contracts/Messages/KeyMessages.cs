namespace KsQuery.Contracts.Messages;

/// <summary>Asks the Keys module for one key of one account (null when the account has no such key).</summary>
public sealed record FindAccountKey(string AccountId, string KeyId);

public sealed record AccountKeyLookup(AccountKeyInfo? Key);

public sealed record AccountKeyInfo(
    string Id,
    string AccountId,
    string Name,
    string Display,
    string Chain,
    string Network,
    string Status,
    long? MonthlyQuota,
    DateTimeOffset CreatedAt);

/// <summary>A deleted account's retention has ended: every module removes what it keeps of the account and its keys
/// (invoked by the Keys module, which then deletes the keys themselves).</summary>
public sealed record AccountDataPurged(string AccountId, IReadOnlyList<string> KeyIds);
