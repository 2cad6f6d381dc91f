using KsQuery.Contracts.Messages;
using KsQuery.Modules.Usage.Alerts;

namespace KsQuery.Modules.Usage.Aggregation;

/// <summary>Counts each keyed call in memory and watches it for misuse signals; the store is written in batches by the flusher.</summary>
public sealed class KeyedCallCompletedHandler
{
    public static void Handle(KeyedCallCompleted message, UsageCounter counter) => counter.Record(message);
}

/// <summary>Public face of the aggregator for the generated handler code.</summary>
public sealed class UsageCounter
{
    internal UsageCounter(UsageAggregator aggregator, KeyAlertMonitor alerts)
    {
        Aggregator = aggregator;
        Alerts = alerts;
    }

    internal UsageAggregator Aggregator { get; }

    internal KeyAlertMonitor Alerts { get; }

    internal void Record(KeyedCallCompleted call)
    {
        // Alerts first: the first rejection of a key learns its recent rate from the aggregator, which must not yet hold this call.
        Alerts.Observe(call);
        Aggregator.Add(call);
    }
}
