using KsQuery.Modules.Keys.Storage;
using LiteDB;

namespace KsQuery.Modules.Keys.Audit;

/// <summary>The audit log in the host's LiteDB file, collection <c>keys_audit</c>. Ids are a sequence (LiteDB's Int64
/// auto-id), so "newest first" is the order of recording even when several entries share one instant. LiteDB's default
/// collation ignores case while ids are case-sensitive (key ids are base62), so ids are matched on a case-safe copy
/// (<see cref="Match"/>) rather than as stored.</summary>
internal sealed class LiteDbAuditStore : IAuditStore
{
    public const string CollectionName = "keys_audit";

    private readonly ILiteCollection<BsonDocument> _entries;

    // Serializes AppendOnce's check-then-insert.
    private readonly Lock _once = new();

    public LiteDbAuditStore(ILiteDatabase database)
    {
        _entries = database.GetCollection(CollectionName, BsonAutoId.Int64);
        _entries.EnsureIndex("at");
        _entries.EnsureIndex("m.keyId");
        _entries.EnsureIndex("m.relatedKeyId");
        _entries.EnsureIndex("m.actorAccountId");
        _entries.EnsureIndex("action");
    }

    public AuditEntry Append(AuditEntry entry)
    {
        var id = _entries.Insert(ToDocument(entry));
        return entry with { Sequence = id.AsInt64 };
    }

    public bool AppendOnce(AuditEntry entry)
    {
        lock (_once)
        {
            if (_entries.Exists(Query.And(Query.EQ("action", entry.Action), Query.EQ("m.keyId", Match(entry.KeyId)))))
                return false;
            Append(entry);
            return true;
        }
    }

    public (IReadOnlyList<AuditEntry> Items, long Total) Find(AuditFilter filter, int skip, int take)
    {
        var query = _entries.Query();
        if (filter.Scope is { } scope)
            query = query.Where(BsonExpression.Create(
                "m.actorAccountId IN @0 OR m.subjectAccountId IN @0 OR m.keyId IN @1 OR m.relatedKeyId IN @1 OR m.teamId IN @2",
                Array(scope.AccountIds), Array(scope.KeyIds), Array(scope.TeamIds)));
        if (filter.KeyId is { } keyId)
            query = query.Where(BsonExpression.Create("m.keyId = @0 OR m.relatedKeyId = @0", Match(keyId)));
        if (filter.ActorAccountId is { } actor)
            query = query.Where(BsonExpression.Create("m.actorAccountId = @0", Match(actor)));
        if (filter.Action is { } action)
            query = query.Where(BsonExpression.Create("action = @0", new BsonValue(action)));
        if (filter.From is { } from)
            query = query.Where(BsonExpression.Create("at >= @0", Bson.Time(from)));
        if (filter.To is { } to)
            query = query.Where(BsonExpression.Create("at < @0", Bson.Time(to)));

        var total = query.LongCount();
        var items = query.OrderByDescending(BsonExpression.Create("_id")).Skip(skip).Limit(take).ToDocuments().Select(FromDocument).ToList();
        return (items, total);
    }

    public int Prune(DateTimeOffset before) => _entries.DeleteMany(Query.LT("at", Bson.Time(before)));

    private static BsonArray Array(IReadOnlySet<string> values) => new(values.Select(Match));

    /// <summary>The id with each upper-case letter written as <c>^</c> and its lower case (and <c>^</c> doubled): two ids that
    /// differ only in case differ here even to a case-insensitive comparison.</summary>
    private static BsonValue Match(string? id)
    {
        if (id is null)
            return BsonValue.Null;
        var text = new System.Text.StringBuilder(id.Length + 8);
        foreach (var c in id)
        {
            if (c == '^')
                text.Append("^^");
            else if (char.IsUpper(c))
                text.Append('^').Append(char.ToLowerInvariant(c));
            else
                text.Append(c);
        }
        return text.ToString();
    }

    private static BsonDocument ToDocument(AuditEntry entry) => new()
    {
        ["at"] = Bson.Time(entry.At),
        ["action"] = entry.Action,
        ["actorAccountId"] = Bson.Text(entry.ActorAccountId),
        ["actorEmail"] = Bson.Text(entry.ActorEmail),
        ["keyId"] = Bson.Text(entry.KeyId),
        ["relatedKeyId"] = Bson.Text(entry.RelatedKeyId),
        ["teamId"] = Bson.Text(entry.TeamId),
        ["subjectAccountId"] = Bson.Text(entry.SubjectAccountId),
        ["clientAddress"] = Bson.Text(entry.ClientAddress),
        ["userAgent"] = Bson.Text(entry.UserAgent),
        ["before"] = Bson.Text(entry.Before),
        ["after"] = Bson.Text(entry.After),
        ["m"] = new BsonDocument
        {
            ["keyId"] = Match(entry.KeyId),
            ["relatedKeyId"] = Match(entry.RelatedKeyId),
            ["actorAccountId"] = Match(entry.ActorAccountId),
            ["subjectAccountId"] = Match(entry.SubjectAccountId),
            ["teamId"] = Match(entry.TeamId),
        },
    };

    private static AuditEntry FromDocument(BsonDocument doc) => new(
        doc["_id"].AsInt64,
        Bson.ReadTime(doc["at"]),
        doc["action"].AsString,
        Bson.ReadOptionalText(doc["actorAccountId"]),
        Bson.ReadOptionalText(doc["actorEmail"]),
        Bson.ReadOptionalText(doc["keyId"]),
        Bson.ReadOptionalText(doc["relatedKeyId"]),
        Bson.ReadOptionalText(doc["teamId"]),
        Bson.ReadOptionalText(doc["subjectAccountId"]),
        Bson.ReadOptionalText(doc["clientAddress"]),
        Bson.ReadOptionalText(doc["userAgent"]),
        Bson.ReadOptionalText(doc["before"]),
        Bson.ReadOptionalText(doc["after"]));
}
