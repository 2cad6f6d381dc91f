using LiteDB;

namespace KsQuery.Modules.Keys.Storage;

internal sealed class LiteDbAccountStore : IAccountStore
{
    public const string CollectionName = "keys_accounts";
    public const string DeletedCollectionName = "keys_deleted_accounts";

    private readonly ILiteDatabase _database;
    private readonly ILiteCollection<BsonDocument> _accounts;
    private readonly LiteDbPurgeList _deleted;
    private readonly Lock _writes = new();

    public LiteDbAccountStore(ILiteDatabase database)
    {
        _database = database;
        _accounts = database.GetCollection(CollectionName);
        _accounts.EnsureIndex("normalizedEmail", unique: true);
        _deleted = new LiteDbPurgeList(database, DeletedCollectionName, "deletedAt");
    }

    public Task<bool> TryCreateAsync(AccountRecord account, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            _accounts.Insert(ToDocument(account));
            return Task.FromResult(true);
        }
        catch (LiteException e) when (e.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return Task.FromResult(false);
        }
    }

    public Task<AccountRecord?> FindByIdAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var account = FromDocument(_accounts.FindById(id));
        return Task.FromResult(account is not null && account.Id == id ? account : null);
    }

    public Task<AccountRecord?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var account = FromDocument(_accounts.FindOne(Query.EQ("normalizedEmail", normalizedEmail)));
        return Task.FromResult(account is not null && account.NormalizedEmail == normalizedEmail ? account : null);
    }

    public Task<IReadOnlyList<AccountRecord>> ListAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<AccountRecord> all = _accounts.FindAll().Select(FromDocument).OfType<AccountRecord>()
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
        return Task.FromResult(all);
    }

    public Task UpdatePasswordHashAsync(string id, string passwordHash, CancellationToken cancellationToken) =>
        Update(id, doc => doc["passwordHash"] = passwordHash, cancellationToken);

    public Task UpdateSelectionAsync(string id, AccountSelection? selection, CancellationToken cancellationToken) =>
        Update(id, doc => doc["selection"] = ToDocument(selection), cancellationToken);

    public Task UpdateDisabledAsync(string id, DateTimeOffset? disabledAt, CancellationToken cancellationToken) =>
        Update(id, doc => doc["disabledAt"] = Bson.Time(disabledAt), cancellationToken);

    public Task<bool> DeleteAsync(string id, DateTimeOffset deletedAt, DateTimeOffset purgeAt, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writes)
        {
            if (_accounts.FindById(id) is null)
                return Task.FromResult(false);
            _database.BeginTrans();
            try
            {
                _deleted.Remember(id, deletedAt, purgeAt);
                _accounts.Delete(id);
                _database.Commit();
            }
            catch
            {
                _database.Rollback();
                throw;
            }
        }
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<DeletedAccount>> ListDeletedDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_deleted.Due(now, (id, deletedAt, purgeAt) => new DeletedAccount(id, deletedAt, purgeAt)));
    }

    public Task ForgetDeletedAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writes)
            _deleted.Forget(id);
        return Task.CompletedTask;
    }

    private Task Update(string id, Action<BsonDocument> change, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writes)
        {
            var doc = _accounts.FindById(id);
            if (doc is null)
                return Task.CompletedTask;
            change(doc);
            _accounts.Update(doc);
        }
        return Task.CompletedTask;
    }

    private static BsonDocument ToDocument(AccountRecord account) => new()
    {
        ["_id"] = account.Id,
        ["email"] = account.Email,
        ["normalizedEmail"] = account.NormalizedEmail,
        ["passwordHash"] = account.PasswordHash,
        ["createdAt"] = Bson.Time(account.CreatedAt),
        ["selection"] = ToDocument(account.Selection),
        ["disabledAt"] = Bson.Time(account.DisabledAt),
    };

    private static BsonValue ToDocument(AccountSelection? selection) => selection is null
        ? BsonValue.Null
        : new BsonDocument
        {
            ["chain"] = selection.Chain,
            ["network"] = selection.Network,
            ["activeKeyId"] = Bson.Text(selection.ActiveKeyId),
        };

    private static AccountRecord? FromDocument(BsonDocument? doc)
    {
        if (doc is null)
            return null;
        var selection = doc["selection"];
        return new AccountRecord(
            doc["_id"].AsString,
            doc["email"].AsString,
            doc["normalizedEmail"].AsString,
            doc["passwordHash"].AsString,
            Bson.ReadTime(doc["createdAt"]),
            selection.IsDocument
                ? new AccountSelection(selection["chain"].AsString, selection["network"].AsString, Bson.ReadOptionalText(selection["activeKeyId"]))
                : null,
            // Absent from documents written before accounts could be disabled: the indexer reads it as null.
            Bson.ReadOptionalTime(doc["disabledAt"]));
    }
}
