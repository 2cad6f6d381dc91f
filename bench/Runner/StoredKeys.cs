using KsQuery.Modules.Keys.KeyFormat;
using KsQuery.Modules.Keys.Storage;
using LiteDB;

namespace Bench.Runner;

/// <summary>Fills the key store of a stopped KS Query with many more keys, written straight into its LiteDB file: creating
/// them through the API costs one Argon2id hash each (a million keys: about 15 hours here). Each is a copy of a real key's
/// record with its own id, name and display, owned by one of many copies of that key's account, <paramref name="keysPerOwner"/>
/// keys each (100: the default <c>Keys:MaxKeysPerAccount</c>), as a million keys of many developers would be. Their
/// plaintexts are never known, so none is ever verified or cached. What they cost is what an operator with that many keys
/// pays: a larger id set read at start, a larger file, per-call lookups in a larger set, larger indexes to write to.</summary>
internal static class StoredKeys
{
    public static void Add(string databaseFile, string templateKeyId, int count, int keysPerOwner = 100)
    {
        using var database = new LiteDatabase(new ConnectionString { Filename = databaseFile, Connection = ConnectionType.Direct });
        // One checkpoint at the end, not one per 1000 pages of log: about 1.6x faster for a million keys here.
        database.CheckpointSize = 0;
        var keys = database.GetCollection(LiteDbApiKeyStore.CollectionName);
        var accounts = database.GetCollection(LiteDbAccountStore.CollectionName);
        var template = keys.FindById(templateKeyId) ?? throw new InvalidOperationException($"key {templateKeyId} is not stored");
        var owner = accounts.FindById(template["accountId"]) ?? throw new InvalidOperationException("the key's account is not stored");
        var run = Guid.NewGuid().ToString("N")[..8];
        string OwnerId(int n) => $"{owner["_id"].AsString}-stored-{run}-{n}";

        const int batch = 10_000;
        for (var done = 0; done < count; done += batch)
        {
            var size = Math.Min(batch, count - done);
            keys.InsertBulk(Enumerable.Range(done, size).Select(i =>
            {
                var material = ApiKeyCodec.Generate(isTest: true);
                var document = Copy(template);
                document["_id"] = material.KeyId;
                document["accountId"] = OwnerId(i / keysPerOwner);
                document["name"] = $"stored-{i % keysPerOwner}";
                document["display"] = material.Display;
                return document;
            }), batch);
            accounts.InsertBulk(Enumerable.Range(done, size).Where(i => i % keysPerOwner == 0).Select(i =>
            {
                var document = Copy(owner);
                var email = $"stored-{run}-{i / keysPerOwner}@example.com";
                document["_id"] = OwnerId(i / keysPerOwner);
                document["email"] = email;
                document["normalizedEmail"] = email;
                return document;
            }), batch);
        }
        database.Checkpoint();
    }

    private static BsonDocument Copy(BsonDocument template)
    {
        var document = new BsonDocument();
        foreach (var (name, value) in template)
            document[name] = value;
        return document;
    }
}
