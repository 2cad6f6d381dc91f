namespace KsQuery.Modules.Keys.Storage;

/// <summary>Live dashboard sessions (one login and the tokens refreshed from it), kept until the session ends or its last
/// refresh token expires. Ended sessions leave this store; <see cref="IEndedSessionStore"/> remembers them.</summary>
internal interface ISessionStore
{
    SessionRecord? Find(string sessionId);

    IReadOnlyList<SessionRecord> ListByAccount(string accountId);

    /// <summary>Inserts or replaces the session, and drops sessions whose refresh tokens have all expired at <paramref name="now"/>.</summary>
    void Save(SessionRecord session, DateTimeOffset now);

    /// <summary>False when no such session is stored.</summary>
    bool Delete(string sessionId);

    /// <summary>Every session of the account, removed; returns their ids.</summary>
    IReadOnlyList<string> DeleteByAccount(string accountId);
}

/// <param name="RefreshedAt">The last login or refresh of the session (access tokens are not tracked per use: no store
/// write per dashboard request).</param>
/// <param name="ExpiresAt">When the last refresh token issued in the session expires.</param>
/// <param name="ClientAddress">The client address of the last login or refresh.</param>
/// <param name="UserAgent">The user agent of the last login or refresh (cut to 256 characters).</param>
internal sealed record SessionRecord(
    string Id,
    string AccountId,
    DateTimeOffset CreatedAt,
    DateTimeOffset RefreshedAt,
    DateTimeOffset ExpiresAt,
    string? ClientAddress,
    string? UserAgent);
