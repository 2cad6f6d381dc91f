using System.Diagnostics;
using KsQuery.Contracts.Messages;
using KsQuery.Modules.Usage.Storage;
using KsQuery.Modules.Usage.Telemetry;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Usage.Aggregation;

/// <summary>Keeps what is not yet written in memory (counts per key, API, status, outcome and minute; rejections;
/// alerts; new client addresses); the flusher moves it to the store in one batch. Dashboard reads flush first and
/// then read the store, so they see every call handled so far; <see cref="BucketsFor"/> (used off the dashboard)
/// adds the pending counts to the stored ones while no flush is writing, so nothing is counted twice or missed.
/// Two locks: <c>_gate</c> guards the pending state and is held for moments only, so counting goes on while a flush
/// writes; <c>_writing</c> is held by a flush from taking the pending state until it is stored (or put back), and by
/// readers of store and pending together. With 10 000 keys in use a flush writes 10 000 buckets, for hundreds of
/// milliseconds: counting waited for it under one lock, the usage handlers held thread-pool threads meanwhile, and the
/// keyed calls' p99 rose to half a second (docs/performance.md, "Many active keys").</summary>
internal sealed class UsageAggregator(IUsageStore store, UsageBatchWriter writer, IOptions<UsageOptions> options,
    UsageMetrics? metrics = null)
{
    private readonly Lock _gate = new();
    private readonly Lock _writing = new();
    private readonly int _maxRejectionsPerKey = options.Value.Rejections.MaxPerKeyPerFlush;
    private Dictionary<BucketKey, BucketCounts> _buckets = [];
    private List<StoredRejection> _rejections = [];
    private Dictionary<string, int> _rejectionsPerKey = new(StringComparer.Ordinal);
    private List<StoredAlert> _alerts = [];
    private List<StoredAddress> _addresses = [];
    private long _unloggedRejections;
    private (BucketKey Key, BucketCounts Counts)? _last;

    /// <summary>Refusals of identified keys that were counted but not logged individually (per-key cap per flush).</summary>
    public long UnloggedRejections => Interlocked.Read(ref _unloggedRejections);

    public void Add(KeyedCallCompleted call)
    {
        var rejection = call.Rejection;
        var code = rejection?.Code ?? "";
        var minute = BucketCounts.MinuteOf(call.At);
        var isUse = rejection is null or { KeyVerified: true };
        lock (_gate)
        {
            CountsOf(call, code, minute).Add(call.DurationMs, call.At, isUse);

            if (rejection is null)
                return;
            var logged = _rejectionsPerKey.GetValueOrDefault(call.KeyId);
            if (logged >= _maxRejectionsPerKey)
            {
                _unloggedRejections++;
                return;
            }
            _rejectionsPerKey[call.KeyId] = logged + 1;
            _rejections.Add(new StoredRejection
            {
                At = call.At.UtcDateTime,
                AccountId = call.AccountId,
                KeyId = call.KeyId,
                Display = rejection.Display,
                Code = rejection.Code,
                Status = call.Status,
                Ip = rejection.ClientAddress,
                UserAgent = rejection.UserAgent,
                Method = rejection.Method,
                Path = rejection.Path,
                Restriction = rejection.Restriction,
            });
        }
    }

    // Events come in runs of one key's calls to one API: the last bucket is compared field by field (strings by
    // reference first) before the dictionary is hashed.
    private BucketCounts CountsOf(KeyedCallCompleted call, string code, DateTimeOffset minute)
    {
        if (_last is { } last && last.Key.Minute == minute && last.Key.Status == call.Status && Same(last.Key.KeyId, call.KeyId)
            && Same(last.Key.ApiId, call.ApiId) && Same(last.Key.Code, code))
            return last.Counts;
        var key = new BucketKey(call.KeyId, call.ApiId, call.Status, code, minute);
        if (!_buckets.TryGetValue(key, out var counts))
            _buckets[key] = counts = new BucketCounts { AccountId = call.AccountId, Chain = call.Chain, Network = call.Network };
        _last = (key, counts);
        return counts;

        static bool Same(string a, string b) => ReferenceEquals(a, b) || string.Equals(a, b, StringComparison.Ordinal);
    }

    public void AddAlert(StoredAlert alert)
    {
        lock (_gate)
            _alerts.Add(alert);
    }

    public void AddAddress(StoredAddress address)
    {
        lock (_gate)
            _addresses.Add(address);
    }

    /// <summary>Writes everything pending in one transaction. A record the store refuses on its own is dropped (see
    /// <see cref="UsageBatchWriter"/>); when the store is unavailable what is not written stays pending for the next attempt
    /// and <see cref="UsageStoreUnavailableException"/> is thrown.</summary>
    public void Flush()
    {
        lock (_writing)
            FlushHeld();
    }

    /// <summary><see cref="Flush"/>, unless another flush holds the pending state longer than <paramref name="wait"/>: false then.</summary>
    public bool TryFlush(TimeSpan wait)
    {
        if (!_writing.TryEnter(wait))
            return false;
        try
        {
            FlushHeld();
            return true;
        }
        finally
        {
            _writing.Exit();
        }
    }

    // Holds _writing: the pending state is taken under _gate, written without it, and what was not written is put back
    // ahead of what was counted meanwhile.
    private void FlushHeld()
    {
        UsageBatch batch;
        lock (_gate)
        {
            _rejections.Sort((a, b) => a.At.CompareTo(b.At));
            batch = new UsageBatch(_buckets, _rejections, _alerts, _addresses);
            if (batch.IsEmpty)
                return;
            _last = null;
            _buckets = [];
            _rejections = [];
            _alerts = [];
            _addresses = [];
        }
        var started = Stopwatch.GetTimestamp();
        var (left, failure) = writer.Write(batch);
        metrics?.Flushed(Stopwatch.GetElapsedTime(started), batch.Count);
        lock (_gate)
        {
            if (!left.IsEmpty)
                PutBack(left);
            if (failure is null)
                _rejectionsPerKey = new(StringComparer.Ordinal);
        }
        if (failure is not null)
            throw new UsageStoreUnavailableException(failure);
    }

    private void PutBack(UsageBatch left)
    {
        _last = null;
        var counted = _buckets;
        _buckets = new Dictionary<BucketKey, BucketCounts>(left.Buckets);
        foreach (var (key, counts) in counted)
        {
            if (_buckets.TryGetValue(key, out var earlier))
                earlier.Merge(counts);
            else
                _buckets[key] = counts;
        }
        _rejections = [.. left.Rejections, .. _rejections];
        _alerts = [.. left.Alerts, .. _alerts];
        _addresses = [.. left.Addresses, .. _addresses];
    }

    /// <summary>Every bucket of one key (stored and pending), optionally only minutes in [from, to).</summary>
    public List<StoredBucket> BucketsFor(string keyId, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        List<StoredBucket> buckets;
        lock (_writing)
        lock (_gate)
        {
            buckets = [.. store.Buckets(new BucketFilter(KeyId: keyId, From: from, To: to))];
            foreach (var (key, counts) in _buckets)
            {
                if (key.KeyId == keyId && (from is null || key.Minute >= from) && (to is null || key.Minute < to))
                    buckets.Add(StoredBucket.From(key, counts));
            }
        }
        return buckets;
    }

    /// <summary>Calls of the key that were served (not refused) since <paramref name="from"/>: what its monthly quota counts.</summary>
    public long ServedSince(string keyId, DateTimeOffset from) =>
        BucketsFor(keyId, from).Where(b => b.Served).Sum(b => b.Requests);
}
