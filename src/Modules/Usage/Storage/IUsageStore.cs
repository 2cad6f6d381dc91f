namespace KsQuery.Modules.Usage.Storage;

/// <summary>Where usage lives; LiteDB today, a server database for multi-instance deployments later (ROADMAP 4).</summary>
internal interface IUsageStore
{
    /// <summary>Adds the batch's counts to the stored buckets and appends its rejections, alerts and addresses, in one transaction.</summary>
    void Write(UsageBatch batch);

    /// <summary>True when <paramref name="error"/> (thrown by <see cref="Write"/>) means the store as a whole is unavailable
    /// (I/O, lock timeout, closed), false when it refused what it was given.</summary>
    bool IsStoreFailure(Exception error);

    IReadOnlyList<StoredBucket> Buckets(BucketFilter filter);

    /// <summary>An account's rejections with <c>At</c> in [from, to), newest first.</summary>
    (IReadOnlyList<StoredRejection> Items, long Total) Rejections(string accountId, DateTimeOffset? from, DateTimeOffset? to, int skip, int take);

    /// <summary>One key's newest <paramref name="take"/> rejections with <c>At</c> in [from, to), newest first, and how many match.</summary>
    (IReadOnlyList<StoredRejection> Items, long Total) KeyRejections(string keyId, DateTimeOffset? from, DateTimeOffset? to, int take);

    /// <summary>An account's (or one key's) alerts with <c>At</c> in [from, to), newest first, at most <paramref name="max"/>.</summary>
    IReadOnlyList<StoredAlert> Alerts(string accountId, string? keyId, DateTimeOffset? from, DateTimeOffset? to, int max);

    IReadOnlyList<string> Addresses(string keyId);

    /// <summary>Merges the buckets one step finer than <paramref name="into"/> (minutes for hours, hours for days) that start
    /// before <paramref name="before"/> into buckets of <paramref name="into"/> (UTC hours or days), adding to one already there;
    /// answers how many were merged. Each bucket moves in the same transaction as its sum, so a run may stop anywhere.</summary>
    long RollUp(BucketSpan into, DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>Deletes every bucket that starts before <paramref name="before"/>; answers how many.</summary>
    long DeleteBuckets(DateTimeOffset before);

    /// <summary>Deletes rejections and alerts older than <paramref name="before"/>, then the oldest rejections past <paramref name="maxRejections"/>.</summary>
    void Trim(DateTimeOffset before, int maxRejections);

    /// <summary>Deletes everything kept of a deleted account: its buckets, rejections and alerts, and the client addresses of
    /// its keys.</summary>
    void DeleteAccount(string accountId, IReadOnlyCollection<string> keyIds);
}
