using KsQuery.Modules.Usage.Storage;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Usage.Retention;

/// <summary>Applies <see cref="UsageRetentionOptions"/> to the stored buckets: minutes older than <c>MinuteBuckets</c>
/// into their UTC hour, hours older than <c>HourBuckets</c> into their UTC day, days older than <c>DayBuckets</c> deleted.
/// Cut-offs fall on whole hours and days, so an hour (day) is never split between spans.</summary>
internal sealed class UsageRollUp(IUsageStore store, IOptions<UsageOptions> options, TimeProvider time)
{
    /// <summary>Rolls up and deletes what is due now; answers how many stored buckets were merged or deleted.</summary>
    public long Run(CancellationToken cancellationToken = default)
    {
        var retention = options.Value.Retention;
        var now = time.GetUtcNow();
        var changed = store.RollUp(BucketSpan.Hour, Floor(now - retention.MinuteBuckets, TimeSpan.TicksPerHour), cancellationToken);
        changed += store.RollUp(BucketSpan.Day, Floor(now - retention.HourBuckets, TimeSpan.TicksPerDay), cancellationToken);
        if (retention.DayBuckets > TimeSpan.Zero)
            changed += store.DeleteBuckets(Floor(now - retention.DayBuckets, TimeSpan.TicksPerDay));
        return changed;
    }

    private static DateTimeOffset Floor(DateTimeOffset at, long unit) => new(at.UtcTicks - at.UtcTicks % unit, TimeSpan.Zero);
}
