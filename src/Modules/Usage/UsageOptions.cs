using KsQuery.Contracts.Settings;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Usage;

/// <summary>Configuration section <c>Usage</c>.</summary>
public sealed class UsageOptions
{
    public const string Section = "Usage";

    /// <summary><c>Usage:FlushInterval</c>: how often pending counts, rejections and alerts are written to the store.
    /// A graceful stop writes everything; a hard kill (SIGKILL, power loss) loses at most this much.</summary>
    [SettingRange("Usage:FlushInterval", "00:00:00.001", "00:10:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary><c>Usage:PublishWindow</c>: usage events of keyed calls are gathered this long and published to the
    /// Usage module (and the Keys module's last-use tracking) as one Wolverine message. Dashboard reads do not wait for it.</summary>
    [SettingRange("Usage:PublishWindow", "00:00:00", "00:00:01")]
    public TimeSpan PublishWindow { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary><c>Usage:UnidentifiedReportInterval</c>: how often calls refused with a key that could not be identified
    /// (missing, malformed, unknown) are summarised in the log; they belong to no account, so they are only counted.</summary>
    [SettingRange("Usage:UnidentifiedReportInterval", "00:00:01", "1.00:00:00")]
    public TimeSpan UnidentifiedReportInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary><c>Usage:ReadTimeout</c>: how long a dashboard usage read waits for the counting of the calls answered before
    /// it (and for a usage write in progress); past it the read answers 503 <c>usage_unavailable</c> with <c>Retry-After</c>.</summary>
    [SettingRange("Usage:ReadTimeout", "00:00:00.001", "00:01:00")]
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(5);

    [ValidateObjectMembers]
    public RejectionLogOptions Rejections { get; set; } = new();

    [ValidateObjectMembers]
    public AlertOptions Alerts { get; set; } = new();

    [ValidateObjectMembers]
    public UsageRetentionOptions Retention { get; set; } = new();
}

/// <summary><c>Usage:Retention</c>: minute buckets are rolled up into hour buckets, hour buckets into day buckets, so the
/// store's size stays bounded; totals over whole hours (days) stay exact, only the resolution of old usage is coarser.</summary>
public sealed class UsageRetentionOptions
{
    /// <summary>Minute buckets older than this are merged into hour buckets (at least one day: alerts read the last day's minutes).</summary>
    [SettingRange("Usage:Retention:MinuteBuckets", "1.00:00:00", "3650.00:00:00")]
    public TimeSpan MinuteBuckets { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Hour buckets older than this are merged into day buckets; at least <see cref="MinuteBuckets"/>.</summary>
    [SettingRange("Usage:Retention:HourBuckets", "1.00:00:00", "36500.00:00:00")]
    public TimeSpan HourBuckets { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Day buckets older than this are deleted; <c>00:00:00</c> keeps them forever, else at least <see cref="HourBuckets"/>.</summary>
    [SettingRange("Usage:Retention:DayBuckets", "00:00:00", "36500.00:00:00", Note = "(00:00:00 keeps them forever)")]
    public TimeSpan DayBuckets { get; set; } = TimeSpan.Zero;
}

/// <summary><c>Usage:Rejections</c>: the owner-visible log of refused calls of identified keys. Counts of refused
/// calls are always exact (they are usage); the log itself is bounded.</summary>
public sealed class RejectionLogOptions
{
    /// <summary>Entries older than this are deleted.</summary>
    [SettingRange("Usage:Rejections:Retention", "00:01:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>At most this many entries are kept; the oldest go first.</summary>
    [SettingRange("Usage:Rejections:MaxStored", 1, 10_000_000)]
    public int MaxStored { get; set; } = 100_000;

    /// <summary>At most this many entries per key are logged per flush interval; a flood beyond it is counted, not logged.</summary>
    [SettingRange("Usage:Rejections:MaxPerKeyPerFlush", 1, 100_000)]
    public int MaxPerKeyPerFlush { get; set; } = 100;
}

/// <summary><c>Usage:Alerts</c>: signals of possible misuse of a key.</summary>
public sealed class AlertOptions
{
    /// <summary>The spike window: refusals in the last N minutes are compared with the baseline.</summary>
    [SettingRange("Usage:Alerts:SpikeWindowMinutes", 1, 60)]
    public int SpikeWindowMinutes { get; set; } = 5;

    /// <summary>The baseline: the N minutes before the window give the key's usual rate of refusals.</summary>
    [SettingRange("Usage:Alerts:SpikeBaselineMinutes", 1, 1440)]
    public int SpikeBaselineMinutes { get; set; } = 60;

    /// <summary>A spike is a window rate at least this many times the baseline rate ...</summary>
    [SettingRange("Usage:Alerts:SpikeFactor", 1.0, 1000.0)]
    public double SpikeFactor { get; set; } = 10;

    /// <summary>... and at least this many refusals in the window.</summary>
    [SettingRange("Usage:Alerts:SpikeMinRejections", 1, 1_000_000)]
    public int SpikeMinRejections { get; set; } = 20;

    /// <summary>Client addresses remembered per key; past this, new addresses of the key raise no alert.</summary>
    [SettingRange("Usage:Alerts:MaxAddressesPerKey", 1, 100_000)]
    public int MaxAddressesPerKey { get; set; } = 1000;
}

[OptionsValidator]
internal sealed partial class UsageOptionsValidator : IValidateOptions<UsageOptions>;
