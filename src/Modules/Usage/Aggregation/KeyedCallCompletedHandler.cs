using KsQuery.Contracts.Messages;
using KsQuery.Modules.Usage.Alerts;
using KsQuery.Modules.Usage.Tracking;

namespace KsQuery.Modules.Usage.Aggregation;

/// <summary>Counts each keyed call in memory and watches it for misuse signals; the store is written in batches by the flusher.</summary>
public sealed class KeyedCallCompletedHandler
{
    public static void Handle(KeyedCallsCompleted message, UsageCounter counter) => counter.Count(message.Calls);
}

/// <summary>Public face of the aggregator for the generated handler code.</summary>
public sealed class UsageCounter
{
    internal UsageCounter(UsageAggregator aggregator, KeyAlertMonitor alerts, UsageEventBuffer buffer)
    {
        Aggregator = aggregator;
        Alerts = alerts;
        Buffer = buffer;
    }

    internal UsageAggregator Aggregator { get; }

    internal KeyAlertMonitor Alerts { get; }

    internal UsageEventBuffer Buffer { get; }

    internal void Count(IReadOnlyList<KeyedCallCompleted> calls)
    {
        foreach (var call in calls)
            Record(call);
        Buffer.Handled(calls.Count);
    }

    internal void Record(KeyedCallCompleted call)
    {
        // Alerts first: the first rejection of a key learns its recent rate from the aggregator, which must not yet hold this call.
        Alerts.Observe(call);
        Aggregator.Add(call);
    }
}
