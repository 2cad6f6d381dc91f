namespace KsQuery.Modules.Keys.Storage;

internal enum KeyWrite { Done, NameTaken, DuplicateId, NotFound, LimitReached }

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

    /// <summary>Inserts a key unless its id or name is taken or its account already holds <paramref name="limit"/> keys.</summary>
    Task<KeyWrite> TryInsertAsync(ApiKeyRecord key, KeyLimit limit, CancellationToken cancellationToken);

    /// <summary>Replaces a stored key (same id), checking the name when it changes.</summary>
    Task<KeyWrite> TryUpdateAsync(ApiKeyRecord key, CancellationToken cancellationToken);

    /// <summary>Atomically stores the retiring key and inserts its replacement; when the retiring key still works (a grace
    /// period), the replacement needs a free slot under <paramref name="limit"/>.</summary>
    Task<KeyWrite> TryRollAsync(ApiKeyRecord retiring, ApiKeyRecord replacement, KeyLimit limit, CancellationToken cancellationToken);

    /// <summary>Stores the <see cref="ApiKeyRecord.SecretCheck"/> of a key issued without one, unless its hash changed.</summary>
    Task SetSecretCheckAsync(string id, string secretHash, int check, CancellationToken cancellationToken);

    /// <summary>Raises <c>lastUsedAt</c> of existing keys (never lowers it).</summary>
    Task SetLastUsedAsync(IReadOnlyCollection<KeyValuePair<string, DateTimeOffset>> lastUse, CancellationToken cancellationToken);
}
