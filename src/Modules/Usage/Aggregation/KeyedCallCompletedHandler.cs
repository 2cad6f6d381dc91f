using KsQuery.Contracts.Messages;
using KsQuery.Modules.Usage.Alerts;
using KsQuery.Modules.Usage.Storage;
using KsQuery.Modules.Usage.Tracking;
using Microsoft.Extensions.Logging;

namespace KsQuery.Modules.Usage.Aggregation;

/// <summary>Counts each keyed call in memory and watches it for misuse signals; the store is written in batches by the flusher.</summary>
public sealed class KeyedCallCompletedHandler
{
    public static void Handle(KeyedCallsCompleted message, UsageCounter counter) => counter.Count(message.Calls);
}

/// <summary>Public face of the aggregator for the generated handler code.</summary>
public sealed class UsageCounter
{
    private readonly ILogger _logger;

    internal UsageCounter(UsageAggregator aggregator, KeyAlertMonitor alerts, UsageEventBuffer buffer, ILogger<UsageCounter> logger)
    {
        Aggregator = aggregator;
        Alerts = alerts;
        Buffer = buffer;
        _logger = logger;
    }

    internal UsageAggregator Aggregator { get; }

    internal KeyAlertMonitor Alerts { get; }

    internal UsageEventBuffer Buffer { get; }

    /// <summary>Counts the calls and always reports them handled, whatever fails: dashboard reads wait for that report.</summary>
    internal void Count(IReadOnlyList<KeyedCallCompleted> calls)
    {
        try
        {
            foreach (var call in calls)
                Record(call);
        }
        finally
        {
            Buffer.Handled(calls.Count);
        }
    }

    internal void Record(KeyedCallCompleted call)
    {
        call = StorableText.Repaired(call);
        try
        {
            // Alerts first: the first rejection of a key learns its recent rate from the aggregator, which must not yet hold this call.
            Alerts.Observe(call);
        }
        catch (Exception ex)
        {
            // Alerts are advice; the count is not: a failed check (a store read) never costs the call its count.
            _logger.LogError(ex, "Checking a call of key {KeyId} for misuse alerts failed; it is counted without", call.KeyId);
        }
        Aggregator.Add(call);
    }
}
