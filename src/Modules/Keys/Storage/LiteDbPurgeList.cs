using LiteDB;

namespace KsQuery.Modules.Keys.Storage;

/// <summary>Owners whose data waits for its purge (deleted accounts, disbanded teams) in one LiteDB collection: a document
/// each, with when it went (<c>atField</c>) and when its data is removed (<c>purgeAt</c>). The stores that own a list
/// serialize its writes with their own.</summary>
internal sealed class LiteDbPurgeList
{
    private readonly ILiteCollection<BsonDocument> _collection;
    private readonly string _atField;

    public LiteDbPurgeList(ILiteDatabase database, string collectionName, string atField)
    {
        _collection = database.GetCollection(collectionName);
        _collection.EnsureIndex("purgeAt");
        _collection.EnsureIndex("by");
        _atField = atField;
    }

    /// <param name="by">Whose act it was (the account whose deletion disbanded a team), when it matters.</param>
    public void Remember(string id, DateTimeOffset at, DateTimeOffset purgeAt, string? by = null) => _collection.Upsert(new BsonDocument
    {
        ["_id"] = id,
        [_atField] = Bson.Time(at),
        ["purgeAt"] = Bson.Time(purgeAt),
        ["by"] = by,
    });

    /// <summary>The ids remembered with <paramref name="by"/>.</summary>
    public IReadOnlyList<string> By(string by) => _collection.Find(Query.EQ("by", by)).Select(d => d["_id"].AsString).ToList();

    /// <summary>The owners whose purge time is at or before <paramref name="now"/>, each made by <paramref name="create"/>
    /// from its id, when it went and its purge time.</summary>
    public IReadOnlyList<T> Due<T>(DateTimeOffset now, Func<string, DateTimeOffset, DateTimeOffset, T> create) =>
        _collection.Find(Query.LTE("purgeAt", now.UtcTicks))
            .Select(d => create(d["_id"].AsString, Bson.ReadTime(d[_atField]), Bson.ReadTime(d["purgeAt"])))
            .ToList();

    public void Forget(string id) => _collection.Delete(id);
}
