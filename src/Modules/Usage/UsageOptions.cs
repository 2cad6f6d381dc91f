namespace KsQuery.Modules.Usage;

/// <summary>Configuration section <c>Usage</c>.</summary>
public sealed class UsageOptions
{
    /// <summary>How often pending counts are written to the store; a hard kill loses at most this much.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);
}
