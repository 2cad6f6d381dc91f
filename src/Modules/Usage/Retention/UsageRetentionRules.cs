using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Usage.Retention;

/// <summary>The order of the <c>Usage:Retention</c> periods, which their ranges alone cannot say.</summary>
internal sealed class UsageRetentionRules : IValidateOptions<UsageOptions>
{
    // A monthly quota counts the month's buckets: days must outlive the longest month.
    private static readonly TimeSpan ShortestDayRetention = TimeSpan.FromDays(31);

    public ValidateOptionsResult Validate(string? name, UsageOptions options)
    {
        var retention = options.Retention;
        var failures = new List<string>();
        // A period out of its own range is reported by the range check alone.
        if (retention.MinuteBuckets > TimeSpan.FromDays(3650) || retention.DayBuckets < TimeSpan.Zero)
            return ValidateOptionsResult.Skip;
        if (retention.HourBuckets < retention.MinuteBuckets)
            failures.Add($"Usage:Retention:HourBuckets ({retention.HourBuckets}) must be at least Usage:Retention:MinuteBuckets ({retention.MinuteBuckets}).");
        if (retention.DayBuckets != TimeSpan.Zero && (retention.DayBuckets < retention.HourBuckets || retention.DayBuckets < ShortestDayRetention))
            failures.Add($"Usage:Retention:DayBuckets ({retention.DayBuckets}) must be 00:00:00 (kept forever) or at least 31 days and at least " +
                         $"Usage:Retention:HourBuckets ({retention.HourBuckets}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
