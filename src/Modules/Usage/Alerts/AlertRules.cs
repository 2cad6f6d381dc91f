namespace KsQuery.Modules.Usage.Alerts;

/// <summary>The alert rules as told to API users (OpenAPI descriptions).</summary>
internal static class AlertRules
{
    public const string Description =
        "Alerts: `new_client_address` when a key is used (verified) from an address it was never used from (its first address is not an alert); " +
        "`rejection_spike` when, in the last `Usage:Alerts:SpikeWindowMinutes` (default 5) minutes, at least `SpikeMinRejections` (20) calls of the key " +
        "were refused, at a rate at least `SpikeFactor` (10) times its rate over the `SpikeBaselineMinutes` (60) before (at most one per window).";
}
