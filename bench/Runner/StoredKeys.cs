using KsQuery.Modules.Keys.KeyFormat;
using KsQuery.Modules.Keys.Storage;
using LiteDB;

namespace Bench.Runner;

/// <summary>Fills the key store of a stopped KS Query with many more keys of the benchmark's account, written straight
/// into its LiteDB file: creating them through the API costs one Argon2id hash each (100 000 keys: about 2 hours
/// here). Each is a copy of a real key's record with its own id, name and display; their plaintexts are never known,
/// so none is ever verified or cached. What they cost is what an operator with that many keys pays: a larger id set
/// read at start, a larger file, and per-call lookups in a larger set.</summary>
internal static class StoredKeys
{
    public static void Add(string databaseFile, string templateKeyId, int count)
    {
        using var database = new LiteDatabase(new ConnectionString { Filename = databaseFile, Connection = ConnectionType.Direct });
        var keys = database.GetCollection(LiteDbApiKeyStore.CollectionName);
        var template = keys.FindById(templateKeyId) ?? throw new InvalidOperationException($"key {templateKeyId} is not stored");
        const int batch = 5_000;
        for (var done = 0; done < count; done += batch)
        {
            var documents = Enumerable.Range(done, Math.Min(batch, count - done)).Select(i =>
            {
                var material = ApiKeyCodec.Generate(isTest: true);
                var document = new BsonDocument();
                foreach (var (name, value) in template)
                    document[name] = value;
                document["_id"] = material.KeyId;
                document["name"] = $"stored-{i}";
                document["display"] = material.Display;
                return document;
            });
            keys.InsertBulk(documents);
        }
    }
}
