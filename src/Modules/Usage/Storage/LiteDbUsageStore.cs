using KsQuery.Modules.Usage.Aggregation;
using LiteDB;

namespace KsQuery.Modules.Usage.Storage;

/// <summary>The module's collections in the host's LiteDB file: <c>usage_buckets</c>, <c>usage_rejections</c>,
/// <c>usage_alerts</c>, <c>usage_addresses</c>.</summary>
internal sealed class LiteDbUsageStore : IUsageStore
{
    private readonly ILiteDatabase _database;
    private readonly ILiteCollection<StoredBucket> _buckets;
    private readonly ILiteCollection<StoredRejection> _rejections;
    private readonly ILiteCollection<StoredAlert> _alerts;
    private readonly ILiteCollection<StoredAddress> _addresses;

    // LiteDB's shared BsonMapper builds a type's mapping lazily and can expose a half-built one to a second thread
    // doing the same (several hosts in one process, as in tests); the first mapping of these types happens here, one at a time.
    private static readonly Lock MappingGate = new();

    // Bucket writes, roll-ups and deletions one at a time (per database, should two stores share one): a roll-up reads
    // buckets and deletes them after merging, and a flush adding to one of them in between would be lost.
    private readonly Lock _writeGate;

    private const int RollUpChunk = 500;

    // The buckets of the last minutes as stored, so that a flush adds to them without reading them back: with 10 000 keys
    // in use a flush writes 10 000 buckets every second, and reading each back was about a third of its time
    // (docs/performance.md, "Many active keys"). Filled after a commit only, emptied by every other bucket write and by
    // a failed flush (whose merges may have changed the objects held here). Per database, under the write gate.
    private readonly RecentBuckets _recent;
    private static readonly TimeSpan RecentMinutes = TimeSpan.FromMinutes(2);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ILiteDatabase, RecentBuckets> Shared = new();

    private sealed class RecentBuckets : Dictionary<string, StoredBucket>
    {
        public RecentBuckets() : base(StringComparer.Ordinal) { }

        public Lock Gate { get; } = new();

        public DateTime NewestMinute { get; set; }
    }

    public LiteDbUsageStore(ILiteDatabase database)
    {
        _database = database;
        _recent = Shared.GetValue(database, _ => new RecentBuckets());
        _writeGate = _recent.Gate;
        lock (MappingGate)
        {
            _buckets = database.GetCollection<StoredBucket>("usage_buckets");
            _buckets.EnsureIndex(b => b.KeyId);
            _buckets.EnsureIndex(b => b.AccountId);
            _buckets.EnsureIndex(b => b.Minute);
            _rejections = database.GetCollection<StoredRejection>("usage_rejections");
            _rejections.EnsureIndex(r => r.AccountId);
            _rejections.EnsureIndex(r => r.At);
            _rejections.EnsureIndex(r => r.KeyId);
            _alerts = database.GetCollection<StoredAlert>("usage_alerts");
            _alerts.EnsureIndex(a => a.AccountId);
            _alerts.EnsureIndex(a => a.At);
            _addresses = database.GetCollection<StoredAddress>("usage_addresses");
            _addresses.EnsureIndex(a => a.KeyId);
        }
    }

    public void Write(UsageBatch batch)
    {
        lock (_writeGate)
            WriteHeld(batch);
    }

    private void WriteHeld(UsageBatch batch)
    {
        var written = new List<StoredBucket>(batch.Buckets.Count);
        _database.BeginTrans();
        try
        {
            foreach (var (key, delta) in batch.Buckets)
            {
                var stored = _recent.GetValueOrDefault(key.Id) ?? _buckets.FindById(key.Id);
                if (stored is null)
                {
                    stored = StoredBucket.From(key, delta);
                    _buckets.Insert(stored);
                }
                else
                {
                    stored.Merge(delta);
                    if (!_buckets.Update(stored))
                        _buckets.Insert(stored);
                }
                written.Add(stored);
            }
            if (batch.Rejections.Count > 0)
                _rejections.InsertBulk(batch.Rejections);
            if (batch.Alerts.Count > 0)
                _alerts.InsertBulk(batch.Alerts);
            foreach (var address in batch.Addresses)
                _addresses.Upsert(address);
            _database.Commit();
        }
        catch
        {
            _recent.Clear();
            _database.Rollback();
            throw;
        }
        Remember(written);
    }

    private void Remember(List<StoredBucket> written)
    {
        foreach (var bucket in written)
        {
            _recent[bucket.Id] = bucket;
            if (bucket.Minute > _recent.NewestMinute)
                _recent.NewestMinute = bucket.Minute;
        }
        foreach (var (id, bucket) in _recent)
        {
            if (bucket.Minute < _recent.NewestMinute - RecentMinutes)
                _recent.Remove(id);
        }
    }

    public bool IsStoreFailure(Exception error) => error switch
    {
        IOException or UnauthorizedAccessException or ObjectDisposedException or TimeoutException => true,
        LiteException lite => lite.ErrorCode is LiteException.LOCK_TIMEOUT or LiteException.DATABASE_SHUTDOWN or LiteException.ENGINE_DISPOSED
            or LiteException.FILE_SIZE_EXCEEDED or LiteException.FILE_NOT_FOUND or LiteException.INVALID_DATAFILE_STATE,
        _ => false,
    };

    public IReadOnlyList<StoredBucket> Buckets(BucketFilter filter)
    {
        var query = _buckets.Query();
        if (filter.KeyId is { } keyId)
            query = query.Where(b => b.KeyId == keyId);
        if (filter.AccountId is { } accountId)
            query = query.Where(b => b.AccountId == accountId);
        if (filter.From is { } from)
        {
            var start = from.UtcDateTime;
            query = query.Where(b => b.Minute >= start);
        }
        if (filter.To is { } to)
        {
            var end = to.UtcDateTime;
            query = query.Where(b => b.Minute < end);
        }
        // LiteDB's default collation ignores case; key and account ids are case-sensitive.
        return query.ToEnumerable()
            .Where(b => (filter.KeyId is null || b.KeyId == filter.KeyId) && (filter.AccountId is null || b.AccountId == filter.AccountId))
            .ToList();
    }

    public (IReadOnlyList<StoredRejection> Items, long Total) Rejections(string accountId, DateTimeOffset? from, DateTimeOffset? to, int skip, int take)
    {
        var query = _rejections.Query().Where(r => r.AccountId == accountId);
        if (from is { } f)
        {
            var start = f.UtcDateTime;
            query = query.Where(r => r.At >= start);
        }
        if (to is { } t)
        {
            var end = t.UtcDateTime;
            query = query.Where(r => r.At < end);
        }
        var total = query.LongCount();
        var items = query.OrderByDescending(r => r.Id).Skip(skip).Limit(take).ToList();
        return (items, total);
    }

    public (IReadOnlyList<StoredRejection> Items, long Total) KeyRejections(string keyId, DateTimeOffset? from, DateTimeOffset? to, int take)
    {
        var query = _rejections.Query().Where(r => r.KeyId == keyId);
        if (from is { } f)
        {
            var start = f.UtcDateTime;
            query = query.Where(r => r.At >= start);
        }
        if (to is { } t)
        {
            var end = t.UtcDateTime;
            query = query.Where(r => r.At < end);
        }
        // LiteDB's default collation ignores case; key ids are case-sensitive.
        var items = query.OrderByDescending(r => r.Id).ToEnumerable().Where(r => r.KeyId == keyId);
        var matching = items.Take(take).ToList();
        var total = query.ToEnumerable().LongCount(r => r.KeyId == keyId);
        return (matching, total);
    }

    public IReadOnlyList<StoredAlert> Alerts(string accountId, string? keyId, DateTimeOffset? from, DateTimeOffset? to, int max)
    {
        var query = _alerts.Query().Where(a => a.AccountId == accountId);
        if (keyId is not null)
            query = query.Where(a => a.KeyId == keyId);
        if (from is { } f)
        {
            var start = f.UtcDateTime;
            query = query.Where(a => a.At >= start);
        }
        if (to is { } t)
        {
            var end = t.UtcDateTime;
            query = query.Where(a => a.At < end);
        }
        return query.OrderByDescending(a => a.Id).Limit(max).ToList();
    }

    public IReadOnlyList<string> Addresses(string keyId) =>
        _addresses.Query().Where(a => a.KeyId == keyId).Select(a => a.Address).ToList();

    public void DeleteAccount(string accountId, IReadOnlyCollection<string> keyIds)
    {
        lock (_writeGate)
            DeleteAccountHeld(accountId, keyIds);
    }

    private void DeleteAccountHeld(string accountId, IReadOnlyCollection<string> keyIds)
    {
        _recent.Clear();
        _database.BeginTrans();
        try
        {
            _buckets.DeleteMany(b => b.AccountId == accountId);
            _rejections.DeleteMany(r => r.AccountId == accountId);
            _alerts.DeleteMany(a => a.AccountId == accountId);
            foreach (var keyId in keyIds)
            {
                _rejections.DeleteMany(r => r.KeyId == keyId);
                _alerts.DeleteMany(a => a.KeyId == keyId);
                _addresses.DeleteMany(a => a.KeyId == keyId);
            }
            _database.Commit();
        }
        catch
        {
            _database.Rollback();
            throw;
        }
    }

    public long RollUp(BucketSpan into, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var cutoff = before.UtcDateTime;
        // Minute buckets have no Span (those written before retention existed too); LiteDB stores enums by name.
        var finer = into == BucketSpan.Hour ? "$.Span = null" : "$.Span = 'Hour'";
        long merged = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (_writeGate)
            {
                var chunk = _buckets.Query().Where($"$.Minute < @0 AND {finer}", cutoff).Limit(RollUpChunk).ToList();
                if (chunk.Count == 0)
                    return merged;
                _recent.Clear();
                _database.BeginTrans();
                try
                {
                    foreach (var group in chunk.GroupBy(b => StoredBucket.RolledUpId(b, into), StringComparer.Ordinal))
                    {
                        var target = _buckets.FindById(group.Key);
                        var isNew = target is null;
                        target ??= StoredBucket.RolledUp(group.Key, group.First(), into);
                        foreach (var bucket in group)
                        {
                            target.Merge(bucket);
                            _buckets.Delete(bucket.Id);
                        }
                        if (isNew)
                            _buckets.Insert(target);
                        else
                            _buckets.Update(target);
                    }
                    _database.Commit();
                }
                catch
                {
                    _database.Rollback();
                    throw;
                }
                merged += chunk.Count;
            }
        }
    }

    public long DeleteBuckets(DateTimeOffset before)
    {
        var cutoff = before.UtcDateTime;
        lock (_writeGate)
        {
            _recent.Clear();
            return _buckets.DeleteMany(b => b.Minute < cutoff);
        }
    }

    public void Trim(DateTimeOffset before, int maxRejections)
    {
        var cutoff = before.UtcDateTime;
        _rejections.DeleteMany(r => r.At < cutoff);
        _alerts.DeleteMany(a => a.At < cutoff);
        var excess = _rejections.LongCount() - maxRejections;
        if (excess <= 0)
            return;
        var last = _rejections.Query().OrderBy(r => r.Id).Select(r => r.Id).Skip((int)Math.Min(excess - 1, int.MaxValue)).FirstOrDefault();
        if (last is not null)
            _rejections.DeleteMany(Query.LTE("_id", last));
    }
}
