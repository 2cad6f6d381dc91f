using KsQuery.Modules.Usage.Aggregation;
using LiteDB;

namespace KsQuery.Modules.Usage.Storage;

internal sealed class LiteDbUsageStore : IUsageStore
{
    private readonly ILiteDatabase _database;
    private readonly ILiteCollection<StoredBucket> _buckets;

    public LiteDbUsageStore(ILiteDatabase database)
    {
        _database = database;
        _buckets = database.GetCollection<StoredBucket>("usage_buckets");
        _buckets.EnsureIndex(b => b.KeyId);
        _buckets.EnsureIndex(b => b.AccountId);
        _buckets.EnsureIndex(b => b.Minute);
    }

    public void Merge(IReadOnlyDictionary<BucketKey, BucketCounts> counts)
    {
        _database.BeginTrans();
        try
        {
            foreach (var (key, delta) in counts)
            {
                var stored = _buckets.FindById(key.Id);
                if (stored is null)
                {
                    _buckets.Insert(StoredBucket.From(key, delta));
                    continue;
                }
                stored.Requests += delta.Requests;
                stored.TotalMs += delta.TotalMs;
                stored.MaxMs = Math.Max(stored.MaxMs, delta.MaxMs);
                if (delta.LastAt > stored.LastAt)
                    stored.LastAt = delta.LastAt;
                _buckets.Update(stored);
            }
            _database.Commit();
        }
        catch
        {
            _database.Rollback();
            throw;
        }
    }

    public IEnumerable<StoredBucket> BucketsForKey(string keyId) => _buckets.Find(b => b.KeyId == keyId);
}
