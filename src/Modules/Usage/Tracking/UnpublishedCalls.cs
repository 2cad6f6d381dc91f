using KsQuery.Contracts.Messages;
using KsQuery.Modules.Usage.Aggregation;
using Microsoft.Extensions.Logging;

namespace KsQuery.Modules.Usage.Tracking;

/// <summary>Keyed calls that were not published (the stop cut their window short, they arrived after the pump stopped, or
/// publishing failed): counted here and handed to the other modules' <see cref="IUnpublishedKeyedCalls"/> (the Keys
/// module's last use), as the bus would have done.</summary>
internal sealed class UnpublishedCalls(UsageCounter counter, IEnumerable<IUnpublishedKeyedCalls> others, ILogger<UnpublishedCalls> logger)
{
    private readonly IUnpublishedKeyedCalls[] _others = others.ToArray();

    public void Handle(KeyedCallCompleted[] calls)
    {
        counter.Count(calls);
        var message = new KeyedCallsCompleted(calls);
        foreach (var other in _others)
        {
            try
            {
                other.Handle(message);
            }
            catch (Exception ex)
            {
                // As with a failing Wolverine handler: one module's failure costs no other its calls.
                logger.LogError(ex, "Handing {Count} unpublished keyed calls to {Handler} failed", calls.Length, other.GetType().Name);
            }
        }
    }
}
