using LiteDB;

namespace KsQuery.Modules.Keys.Storage;

internal sealed class LiteDbSessionStore : ISessionStore
{
    public const string CollectionName = "keys_sessions";

    private readonly ILiteCollection<BsonDocument> _sessions;
    private readonly Lock _writes = new();

    public LiteDbSessionStore(ILiteDatabase database)
    {
        _sessions = database.GetCollection(CollectionName);
        _sessions.EnsureIndex("accountId");
        _sessions.EnsureIndex("expiresAt");
    }

    // LiteDB's default collation ignores case; session ids are case-sensitive.
    public SessionRecord? Find(string sessionId) => FromDocument(_sessions.FindById(sessionId)) is { } session && session.Id == sessionId ? session : null;

    public IReadOnlyList<SessionRecord> ListByAccount(string accountId) =>
        _sessions.Find(Query.EQ("accountId", accountId)).Select(d => FromDocument(d)!).Where(s => s.AccountId == accountId).ToList();

    public void Save(SessionRecord session, DateTimeOffset now)
    {
        lock (_writes)
        {
            _sessions.Upsert(ToDocument(session));
            _sessions.DeleteMany(Query.LTE("expiresAt", now.UtcTicks));
        }
    }

    public bool Delete(string sessionId)
    {
        lock (_writes)
            return Find(sessionId) is not null && _sessions.Delete(sessionId);
    }

    public IReadOnlyList<string> DeleteByAccount(string accountId)
    {
        lock (_writes)
        {
            var ids = ListByAccount(accountId).Select(s => s.Id).ToList();
            foreach (var id in ids)
                _sessions.Delete(id);
            return ids;
        }
    }

    private static BsonDocument ToDocument(SessionRecord session) => new()
    {
        ["_id"] = session.Id,
        ["accountId"] = session.AccountId,
        ["createdAt"] = Bson.Time(session.CreatedAt),
        ["refreshedAt"] = Bson.Time(session.RefreshedAt),
        ["expiresAt"] = Bson.Time(session.ExpiresAt),
        ["clientAddress"] = Bson.Text(session.ClientAddress),
        ["userAgent"] = Bson.Text(session.UserAgent),
    };

    private static SessionRecord? FromDocument(BsonDocument? doc) => doc is null
        ? null
        : new SessionRecord(
            doc["_id"].AsString,
            doc["accountId"].AsString,
            Bson.ReadTime(doc["createdAt"]),
            Bson.ReadTime(doc["refreshedAt"]),
            Bson.ReadTime(doc["expiresAt"]),
            Bson.ReadOptionalText(doc["clientAddress"]),
            Bson.ReadOptionalText(doc["userAgent"]));
}
