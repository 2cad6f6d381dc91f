using LiteDB;

namespace KsQuery.Modules.Keys.Storage;

internal sealed class LiteDbApiKeyStore : IApiKeyStore
{
    public const string CollectionName = "keys_api_keys";

    private readonly ILiteDatabase _database;
    private readonly ILiteCollection<BsonDocument> _keys;

    // Serializes the check-then-write of name uniqueness; LiteDB has no partial unique index.
    private readonly Lock _writes = new();

    // Every stored key id (ids leave only with a deleted account's data): well-formed keys with unknown ids are refused
    // without a store read once LoadIds has read the ids stored before the store opened; until then every id may exist.
    private readonly KeyIdSet _ids = new();
    private volatile bool _idsLoaded;
    private readonly TaskCompletionSource _idsRead = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LiteDbApiKeyStore(ILiteDatabase database)
    {
        _database = database;
        _keys = database.GetCollection(CollectionName);
        _keys.EnsureIndex("accountId");
        _keys.EnsureIndex("expiresAt");
        _keys.EnsureIndex("revokeAt");
    }

    public bool MayExist(ReadOnlySpan<char> id) => !_idsLoaded || _ids.Contains(id);

    /// <summary>Completes once <see cref="LoadIds"/> has read the stored ids.</summary>
    public Task IdsLoaded => _idsRead.Task;

    /// <summary>Reads the ids of the keys stored before the store opened (a million take seconds, so not in the
    /// constructor: <see cref="StoredKeyIdsLoading"/> runs it beside the start). Keys written meanwhile are added by their
    /// writes; an id read here just before its account's deletion comes back, which costs that id a store read per call,
    /// never a wrong answer. Returns how many ids were read.</summary>
    public int LoadIds(CancellationToken cancellationToken)
    {
        var read = 0;
        // Only the _id index is read (LiteDB's plan: "loader: index"), not the documents.
        foreach (var id in _keys.Query().Select(d => d["_id"].AsString).ToEnumerable())
        {
            if ((++read & 0xFFF) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            _ids.Add(id);
        }
        _idsLoaded = true;
        _idsRead.TrySetResult();
        return read;
    }

    public Task DeleteByAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writes)
        {
            foreach (var key in List(accountId))
            {
                _keys.Delete(key.Id);
                _ids.Remove(key.Id);
            }
        }
        return Task.CompletedTask;
    }

    public Task<ApiKeyRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Find(id));
    }

    public Task<IReadOnlyList<ApiKeyRecord>> ListByAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(List(accountId));
    }

    public Task<IReadOnlyList<ApiKeyRecord>> ListAllAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<ApiKeyRecord> all = _keys.FindAll().Select(FromDocument).OfType<ApiKeyRecord>().ToList();
        return Task.FromResult(all);
    }

    public Task<KeyWrite> TryInsertAsync(ApiKeyRecord key, KeyLimit limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writes)
        {
            if (_keys.FindById(key.Id) is not null)
                return Task.FromResult(KeyWrite.DuplicateId);
            var keys = List(key.AccountId);
            if (key.HoldsName && NameTaken(keys, key.Name, exceptId: null))
                return Task.FromResult(KeyWrite.NameTaken);
            if (NotRevoked(keys, limit.At) >= limit.MaxKeys)
                return Task.FromResult(KeyWrite.LimitReached);
            _keys.Insert(ToDocument(key));
            _ids.Add(key.Id);
            return Task.FromResult(KeyWrite.Done);
        }
    }

    public Task<(KeyWrite Result, ApiKeyRecord? Key)> TryChangeAsync(string id, string accountId, Func<ApiKeyRecord, ApiKeyRecord> change,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writes)
        {
            var existing = Find(id);
            if (existing is null || existing.AccountId != accountId)
                return Task.FromResult<(KeyWrite, ApiKeyRecord?)>((KeyWrite.NotFound, null));
            var changed = change(existing);
            if (ReferenceEquals(changed, existing))
                return Task.FromResult<(KeyWrite, ApiKeyRecord?)>((KeyWrite.Done, existing));
            changed = changed with { Id = existing.Id, AccountId = existing.AccountId, TeamId = existing.TeamId, LastUsedAt = Later(existing.LastUsedAt, changed.LastUsedAt) };
            if (changed.HoldsName && NameTaken(List(accountId), changed.Name, exceptId: id))
                return Task.FromResult<(KeyWrite, ApiKeyRecord?)>((KeyWrite.NameTaken, null));
            _keys.Update(ToDocument(changed));
            return Task.FromResult<(KeyWrite, ApiKeyRecord?)>((KeyWrite.Done, changed));
        }
    }

    public Task<KeyWrite> TryRollAsync(ApiKeyRecord retiring, ApiKeyRecord replacement, KeyLimit limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writes)
        {
            var existing = Find(retiring.Id);
            if (existing is null || existing.AccountId != retiring.AccountId)
                return Task.FromResult(KeyWrite.NotFound);
            // Revoked or rolled by a request that wrote after this one read the key.
            if (!existing.HoldsName)
                return Task.FromResult(KeyWrite.NotActive);
            if (_keys.FindById(replacement.Id) is not null)
                return Task.FromResult(KeyWrite.DuplicateId);
            var keys = List(replacement.AccountId);
            if (NameTaken(keys, replacement.Name, exceptId: retiring.Id))
                return Task.FromResult(KeyWrite.NameTaken);
            if (retiring.StatusAt(limit.At) != ApiKeyStatus.Revoked && NotRevoked(keys, limit.At) >= limit.MaxKeys)
                return Task.FromResult(KeyWrite.LimitReached);

            // Both documents commit together or not at all (LiteDB transactions are per thread; this block is synchronous).
            _database.BeginTrans();
            try
            {
                _keys.Update(ToDocument(existing with
                {
                    RevokeAt = retiring.RevokeAt,
                    RevokedAt = retiring.RevokedAt,
                    ReplacedBy = retiring.ReplacedBy,
                    ProtectedKey = retiring.ProtectedKey,
                }));
                _keys.Insert(ToDocument(replacement));
                _database.Commit();
                _ids.Add(replacement.Id);
            }
            catch
            {
                _database.Rollback();
                throw;
            }
            return Task.FromResult(KeyWrite.Done);
        }
    }

    public Task SetSecretCheckAsync(string id, string secretHash, int check, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writes)
        {
            var doc = _keys.FindById(id);
            if (doc is not null && doc["_id"].AsString == id && doc["secretHash"].AsString == secretHash && doc["secretCheck"].IsNull)
            {
                doc["secretCheck"] = check;
                _keys.Update(doc);
            }
        }
        return Task.CompletedTask;
    }

    public Task SetLastUsedAsync(IReadOnlyCollection<KeyValuePair<string, DateTimeOffset>> lastUse, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writes)
        {
            foreach (var (id, at) in lastUse)
            {
                var doc = _keys.FindById(id);
                if (doc is null || doc["_id"].AsString != id)
                    continue;
                var stored = Bson.ReadOptionalTime(doc["lastUsedAt"]);
                if (stored >= at)
                    continue;
                doc["lastUsedAt"] = Bson.Time(at);
                _keys.Update(doc);
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ApiKeyRecord>> ListEndingBetweenAsync(DateTimeOffset after, DateTimeOffset until, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Times are UTC ticks; null (no expiry) sorts below every number, so it is never in the range.
        var (from, to) = (Bson.Time(after), Bson.Time(until));
        var ending = _keys.Find(Query.Or(
                Query.And(Query.GT("expiresAt", from), Query.LTE("expiresAt", to)),
                Query.And(Query.GT("revokeAt", from), Query.LTE("revokeAt", to))))
            .Select(FromDocument)
            .ToList();
        return Task.FromResult<IReadOnlyList<ApiKeyRecord>>(ending!);
    }

    private ApiKeyRecord? Find(string id)
    {
        var key = FromDocument(_keys.FindById(id));
        // LiteDB's default collation ignores case; ids are case-sensitive.
        return key is not null && key.Id == id ? key : null;
    }

    private IReadOnlyList<ApiKeyRecord> List(string accountId) =>
        _keys.Find(Query.EQ("accountId", accountId))
            .Select(FromDocument)
            .Where(k => k!.AccountId == accountId)
            .ToList()!;

    private static bool NameTaken(IReadOnlyList<ApiKeyRecord> keys, string name, string? exceptId) =>
        keys.Any(k => k.HoldsName && k.Id != exceptId && string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));

    private static int NotRevoked(IReadOnlyList<ApiKeyRecord> keys, DateTimeOffset at) =>
        keys.Count(k => k.StatusAt(at) != ApiKeyStatus.Revoked);

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static BsonDocument ToDocument(ApiKeyRecord key) => new()
    {
        ["_id"] = key.Id,
        ["accountId"] = key.AccountId,
        ["name"] = key.Name,
        ["description"] = Bson.Text(key.Description),
        ["chain"] = key.Chain,
        ["network"] = key.Network,
        ["isTest"] = key.IsTest,
        ["display"] = key.Display,
        ["secretHash"] = key.SecretHash,
        ["secretCheck"] = key.SecretCheck is { } check ? new BsonValue(check) : BsonValue.Null,
        ["recoverable"] = key.Recoverable,
        ["protectedKey"] = Bson.Text(key.ProtectedKey),
        ["createdAt"] = Bson.Time(key.CreatedAt),
        ["expiresAt"] = Bson.Time(key.ExpiresAt),
        ["revokeAt"] = Bson.Time(key.RevokeAt),
        ["revokedAt"] = Bson.Time(key.RevokedAt),
        ["replacedBy"] = Bson.Text(key.ReplacedBy),
        ["rateLimitPerSecond"] = key.RateLimitPerSecond,
        ["monthlyQuota"] = Bson.Number(key.MonthlyQuota),
        ["lastUsedAt"] = Bson.Time(key.LastUsedAt),
        ["teamId"] = Bson.Text(key.TeamId),
        ["createdBy"] = Bson.Text(key.CreatedBy),
        ["restrictions"] = Bson.Restrictions(key.Restrictions),
    };

    private static ApiKeyRecord? FromDocument(BsonDocument? doc) => doc is null
        ? null
        : new ApiKeyRecord
        {
            Id = doc["_id"].AsString,
            AccountId = doc["accountId"].AsString,
            Name = doc["name"].AsString,
            Description = Bson.ReadOptionalText(doc["description"]),
            Chain = doc["chain"].AsString,
            Network = doc["network"].AsString,
            IsTest = doc["isTest"].AsBoolean,
            Display = doc["display"].AsString,
            SecretHash = doc["secretHash"].AsString,
            SecretCheck = doc["secretCheck"].IsNull ? null : doc["secretCheck"].AsInt32,
            Recoverable = doc["recoverable"].AsBoolean,
            ProtectedKey = Bson.ReadOptionalText(doc["protectedKey"]),
            CreatedAt = Bson.ReadTime(doc["createdAt"]),
            ExpiresAt = Bson.ReadOptionalTime(doc["expiresAt"]),
            RevokeAt = Bson.ReadOptionalTime(doc["revokeAt"]),
            RevokedAt = Bson.ReadOptionalTime(doc["revokedAt"]),
            ReplacedBy = Bson.ReadOptionalText(doc["replacedBy"]),
            RateLimitPerSecond = doc["rateLimitPerSecond"].AsInt32,
            MonthlyQuota = Bson.ReadOptionalNumber(doc["monthlyQuota"]),
            LastUsedAt = Bson.ReadOptionalTime(doc["lastUsedAt"]),
            // Absent from keys stored before teams existed.
            TeamId = Bson.ReadOptionalText(doc["teamId"]),
            CreatedBy = Bson.ReadOptionalText(doc["createdBy"]),
            Restrictions = Bson.ReadRestrictions(doc["restrictions"]),
        };
}
