namespace KsQuery.Modules.Keys.Storage;

internal enum KeyWrite { Done, NameTaken, DuplicateId, NotFound, NotActive, LimitReached }

/// <summary>At most <paramref name="MaxKeys"/> keys per account that are not revoked at <paramref name="At"/>.</summary>
internal readonly record struct KeyLimit(int MaxKeys, DateTimeOffset At);

/// <summary>API keys of the Keys module. Name uniqueness (per account, among keys that
/// <see cref="ApiKeyRecord.HoldsName">hold their name</see>, case-insensitive) is enforced here so a
/// server database can do it with a partial unique index. Writes return once committed.</summary>
internal interface IApiKeyStore
{
    Task<ApiKeyRecord?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>False when no key has this id, answered from memory (the keyed path refuses invented keys without a
    /// store read); true means <see cref="FindAsync"/> is worth asking.</summary>
    bool MayExist(ReadOnlySpan<char> id);

    Task<IReadOnlyList<ApiKeyRecord>> ListByAccountAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Every key, personal and team keys alike (the operator's <c>keys list</c>).</summary>
    Task<IReadOnlyList<ApiKeyRecord>> ListAllAsync(CancellationToken cancellationToken);

    /// <summary>Inserts a key unless its id or name is taken or its account already holds <paramref name="limit"/> keys.</summary>
    Task<KeyWrite> TryInsertAsync(ApiKeyRecord key, KeyLimit limit, CancellationToken cancellationToken);

    /// <summary>Applies <paramref name="change"/> to the stored key of <paramref name="accountId"/> and stores the result in
    /// one step with every other write, so a change worked out from an older read never undoes a later write (a rename
    /// cannot bring a revoked key back); checks the name when the key holds one. Returns the stored key with
    /// <see cref="KeyWrite.Done"/>, else <see cref="KeyWrite.NotFound"/> or <see cref="KeyWrite.NameTaken"/> and null.</summary>
    Task<(KeyWrite Result, ApiKeyRecord? Key)> TryChangeAsync(string id, string accountId, Func<ApiKeyRecord, ApiKeyRecord> change,
        CancellationToken cancellationToken);

    /// <summary>Atomically retires the stored key (its <c>RevokeAt</c>, <c>RevokedAt</c>, <c>ReplacedBy</c> and
    /// <c>ProtectedKey</c> become those of <paramref name="retiring"/>; the rest stays as stored) and inserts its replacement.
    /// <see cref="KeyWrite.NotActive"/> when the stored key has been revoked or rolled since it was read; when the retiring
    /// key still works (a grace period), the replacement needs a free slot under <paramref name="limit"/>
    /// (<see cref="KeyWrite.LimitReached"/>).</summary>
    Task<KeyWrite> TryRollAsync(ApiKeyRecord retiring, ApiKeyRecord replacement, KeyLimit limit, CancellationToken cancellationToken);

    /// <summary>Stores the <see cref="ApiKeyRecord.SecretCheck"/> of a key issued without one, unless its hash changed.</summary>
    Task SetSecretCheckAsync(string id, string secretHash, int check, CancellationToken cancellationToken);

    /// <summary>Keys whose <c>expiresAt</c> or <c>revokeAt</c> (end of a roll's grace period) is in (<paramref name="after"/>,
    /// <paramref name="until"/>]: the keys that may have ended on their own in that time (for the audit log).</summary>
    Task<IReadOnlyList<ApiKeyRecord>> ListEndingBetweenAsync(DateTimeOffset after, DateTimeOffset until, CancellationToken cancellationToken);
    /// <summary>Deletes every key of the account for good (a deleted account past its retention).</summary>
    Task DeleteByAccountAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Raises <c>lastUsedAt</c> of existing keys (never lowers it).</summary>
    Task SetLastUsedAsync(IReadOnlyCollection<KeyValuePair<string, DateTimeOffset>> lastUse, CancellationToken cancellationToken);
}
