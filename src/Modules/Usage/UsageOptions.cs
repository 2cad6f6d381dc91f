namespace KsQuery.Modules.Usage;

/// <summary>Configuration section <c>Usage</c>.</summary>
public sealed class UsageOptions
{
    public const string Section = "Usage";

    /// <summary><c>Usage:FlushInterval</c>: how often pending counts, rejections and alerts are written to the store.
    /// A graceful stop writes everything; a hard kill (SIGKILL, power loss) loses at most this much.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary><c>Usage:PublishWindow</c>: usage events of keyed calls are gathered this long and published to the
    /// Usage module (and the Keys module's last-use tracking) as one Wolverine message. Dashboard reads do not wait for it.</summary>
    public TimeSpan PublishWindow { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary><c>Usage:UnidentifiedReportInterval</c>: how often calls refused with a key that could not be identified
    /// (missing, malformed, unknown) are summarised in the log; they belong to no account, so they are only counted.</summary>
    public TimeSpan UnidentifiedReportInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary><c>Usage:ReadTimeout</c>: how long a dashboard usage read waits for the counting of the calls answered before
    /// it (and for a usage write in progress); past it the read answers 503 <c>usage_unavailable</c> with <c>Retry-After</c>.</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public RejectionLogOptions Rejections { get; set; } = new();

    public AlertOptions Alerts { get; set; } = new();

    internal bool IsValid(out string error)
    {
        error = "";
        if (FlushInterval <= TimeSpan.Zero || FlushInterval > TimeSpan.FromMinutes(10))
            error = "Usage:FlushInterval must be between 00:00:00.001 and 00:10:00.";
        else if (PublishWindow < TimeSpan.Zero || PublishWindow > TimeSpan.FromSeconds(1))
            error = "Usage:PublishWindow must be between 00:00:00 and 00:00:01.";
        else if (ReadTimeout < TimeSpan.FromMilliseconds(1) || ReadTimeout > TimeSpan.FromMinutes(1))
            error = "Usage:ReadTimeout must be between 00:00:00.001 and 00:01:00.";
        else if (UnidentifiedReportInterval <= TimeSpan.Zero)
            error = "Usage:UnidentifiedReportInterval must be positive.";
        else if (Rejections.Retention <= TimeSpan.Zero || Rejections.MaxStored < 1 || Rejections.MaxPerKeyPerFlush < 1)
            error = "Usage:Rejections needs a positive Retention, MaxStored >= 1 and MaxPerKeyPerFlush >= 1.";
        else if (Alerts.SpikeWindowMinutes is < 1 or > 60 || Alerts.SpikeBaselineMinutes is < 1 or > 1440
                 || Alerts.SpikeFactor < 1 || Alerts.SpikeMinRejections < 1 || Alerts.MaxAddressesPerKey < 1)
            error = "Usage:Alerts needs SpikeWindowMinutes 1..60, SpikeBaselineMinutes 1..1440, SpikeFactor >= 1, " +
                    "SpikeMinRejections >= 1 and MaxAddressesPerKey >= 1.";
        return error.Length == 0;
    }
}

/// <summary><c>Usage:Rejections</c>: the owner-visible log of refused calls of identified keys. Counts of refused
/// calls are always exact (they are usage); the log itself is bounded.</summary>
public sealed class RejectionLogOptions
{
    /// <summary>Entries older than this are deleted.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>At most this many entries are kept; the oldest go first.</summary>
    public int MaxStored { get; set; } = 100_000;

    /// <summary>At most this many entries per key are logged per flush interval; a flood beyond it is counted, not logged.</summary>
    public int MaxPerKeyPerFlush { get; set; } = 100;
}

/// <summary><c>Usage:Alerts</c>: signals of possible misuse of a key.</summary>
public sealed class AlertOptions
{
    /// <summary>The spike window: refusals in the last N minutes are compared with the baseline.</summary>
    public int SpikeWindowMinutes { get; set; } = 5;

    /// <summary>The baseline: the N minutes before the window give the key's usual rate of refusals.</summary>
    public int SpikeBaselineMinutes { get; set; } = 60;

    /// <summary>A spike is a window rate at least this many times the baseline rate ...</summary>
    public double SpikeFactor { get; set; } = 10;

    /// <summary>... and at least this many refusals in the window.</summary>
    public int SpikeMinRejections { get; set; } = 20;

    /// <summary>Client addresses remembered per key; past this, new addresses of the key raise no alert.</summary>
    public int MaxAddressesPerKey { get; set; } = 1000;
}
