using KsQuery.Modules.Usage.Storage;

namespace Usage.Tests.Support;

/// <summary>A test double of the usage store: the real store, except that a write whose batch matches <see cref="Refuses"/>
/// throws <see cref="Error"/> (by default an error of the content, as LiteDB throws for text it cannot encode).</summary>
internal sealed class RefusingUsageStore(IUsageStore real, Func<UsageBatch, bool> refuses) : IUsageStore
{
    public Func<UsageBatch, bool> Refuses { get; set; } = refuses;

    public Func<Exception> Error { get; set; } = () => new InvalidOperationException("refused by the test double");

    /// <summary>When set, reading a key's known client addresses (the alert check's store read) fails.</summary>
    public bool FailAddressReads { get; set; }

    public int Writes { get; private set; }

    public void Write(UsageBatch batch)
    {
        Writes++;
        if (Refuses(batch))
            throw Error();
        real.Write(batch);
    }

    public bool IsStoreFailure(Exception error) => real.IsStoreFailure(error);

    public IReadOnlyList<StoredBucket> Buckets(BucketFilter filter) => real.Buckets(filter);

    public (IReadOnlyList<StoredRejection> Items, long Total) Rejections(string accountId, DateTimeOffset? from, DateTimeOffset? to, int skip, int take) =>
        real.Rejections(accountId, from, to, skip, take);

    public (IReadOnlyList<StoredRejection> Items, long Total) KeyRejections(string keyId, DateTimeOffset? from, DateTimeOffset? to, int take) =>
        real.KeyRejections(keyId, from, to, take);

    public IReadOnlyList<StoredAlert> Alerts(string accountId, string? keyId, DateTimeOffset? from, DateTimeOffset? to, int max) =>
        real.Alerts(accountId, keyId, from, to, max);

    public IReadOnlyList<string> Addresses(string keyId) =>
        FailAddressReads ? throw new IOException("address read failed (test double)") : real.Addresses(keyId);

    public long RollUp(BucketSpan into, DateTimeOffset before, CancellationToken cancellationToken) =>
        real.RollUp(into, before, cancellationToken);

    public long DeleteBuckets(DateTimeOffset before) => real.DeleteBuckets(before);

    public void Trim(DateTimeOffset before, int maxRejections) => real.Trim(before, maxRejections);

    public void DeleteAccount(string accountId, IReadOnlyCollection<string> keyIds) => real.DeleteAccount(accountId, keyIds);
}
