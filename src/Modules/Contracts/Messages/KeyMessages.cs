namespace KsQuery.Contracts.Messages;

/// <summary>Asks the Keys module for one key the account may read: its own, or one of a team it is a member of (null
/// otherwise).</summary>
public sealed record FindAccountKey(string AccountId, string KeyId);

public sealed record AccountKeyLookup(AccountKeyInfo? Key);

/// <summary>A key as the Usage module sees it; <c>AccountId</c> is its owner: the account, or the team for a team's key
/// (whose usage is recorded under the team's id).</summary>
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

/// <summary>A deleted account's retention has ended, or that of a team disbanded with one (<paramref name="AccountId"/> is
/// then the team's id, under which its usage is recorded): every module removes what it keeps of that owner and its keys
/// (invoked by the Keys module, which then deletes the keys themselves).</summary>
public sealed record AccountDataPurged(string AccountId, IReadOnlyList<string> KeyIds);
/// <summary>Asks the Keys module whether an account is a member of a team (any role may read the team's usage).</summary>
public sealed record FindTeamMembership(string AccountId, string TeamId);

public sealed record TeamMembershipLookup(bool IsMember);
