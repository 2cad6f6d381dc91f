using KsQuery.Contracts.Messages;

namespace KsQuery.Modules.Usage.Aggregation;

/// <summary>Counts each keyed call in memory; the store is written in batches by the flusher.</summary>
public sealed class KeyedCallCompletedHandler
{
    public static void Handle(KeyedCallCompleted message, UsageCounter counter) => counter.Aggregator.Add(message);
}

/// <summary>Public face of the aggregator for the generated handler code.</summary>
public sealed class UsageCounter
{
    internal UsageCounter(UsageAggregator aggregator) => Aggregator = aggregator;

    internal UsageAggregator Aggregator { get; }
}
