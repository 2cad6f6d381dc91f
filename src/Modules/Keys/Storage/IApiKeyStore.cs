namespace KsQuery.Modules.Keys.Storage;

internal enum KeyWrite { Done, NameTaken, DuplicateId, NotFound, NotActive }

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

    Task<KeyWrite> TryInsertAsync(ApiKeyRecord key, CancellationToken cancellationToken);

    /// <summary>Applies <paramref name="change"/> to the stored key of <paramref name="accountId"/> and stores the result in
    /// one step with every other write, so a change worked out from an older read never undoes a later write (a rename
    /// cannot bring a revoked key back); checks the name when the key holds one. Returns the stored key with
    /// <see cref="KeyWrite.Done"/>, else <see cref="KeyWrite.NotFound"/> or <see cref="KeyWrite.NameTaken"/> and null.</summary>
    Task<(KeyWrite Result, ApiKeyRecord? Key)> TryChangeAsync(string id, string accountId, Func<ApiKeyRecord, ApiKeyRecord> change,
        CancellationToken cancellationToken);

    /// <summary>Atomically retires the stored key (its <c>RevokeAt</c>, <c>RevokedAt</c>, <c>ReplacedBy</c> and
    /// <c>ProtectedKey</c> become those of <paramref name="retiring"/>; the rest stays as stored) and inserts its replacement.
    /// <see cref="KeyWrite.NotActive"/> when the stored key has been revoked or rolled since it was read.</summary>
    Task<KeyWrite> TryRollAsync(ApiKeyRecord retiring, ApiKeyRecord replacement, CancellationToken cancellationToken);

    /// <summary>Raises <c>lastUsedAt</c> of existing keys (never lowers it).</summary>
    Task SetLastUsedAsync(IReadOnlyCollection<KeyValuePair<string, DateTimeOffset>> lastUse, CancellationToken cancellationToken);
}
