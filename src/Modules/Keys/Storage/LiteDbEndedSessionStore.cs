using LiteDB;

namespace KsQuery.Modules.Keys.Storage;

internal sealed class LiteDbEndedSessionStore : IEndedSessionStore
{
    public const string CollectionName = "keys_ended_sessions";

    private readonly ILiteCollection<BsonDocument> _sessions;
    private readonly Lock _writes = new();

    public LiteDbEndedSessionStore(ILiteDatabase database)
    {
        _sessions = database.GetCollection(CollectionName);
        _sessions.EnsureIndex("until");
    }

    public bool IsShared => false;

    public IReadOnlyList<EndedSession> Load(DateTimeOffset now) =>
        _sessions.Find(Query.GT("until", now.UtcTicks)).Select(FromDocument).ToList();

    public void Add(EndedSession session, DateTimeOffset now)
    {
        lock (_writes)
        {
            if (_sessions.FindById(session.SessionId) is { } existing && Bson.ReadTime(existing["until"]) > session.Until)
                session = session with { Until = Bson.ReadTime(existing["until"]) };
            _sessions.Upsert(ToDocument(session));
            _sessions.DeleteMany(Query.LTE("until", now.UtcTicks));
        }
    }

    private static BsonDocument ToDocument(EndedSession session) => new()
    {
        ["_id"] = session.SessionId,
        ["accountId"] = session.AccountId,
        ["endedAt"] = Bson.Time(session.EndedAt),
        ["until"] = Bson.Time(session.Until),
    };

    private static EndedSession FromDocument(BsonDocument doc) => new(
        doc["_id"].AsString, doc["accountId"].AsString, Bson.ReadTime(doc["endedAt"]), Bson.ReadTime(doc["until"]));
}
