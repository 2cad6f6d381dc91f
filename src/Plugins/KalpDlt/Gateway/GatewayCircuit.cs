namespace KsQuery.Plugins.KalpDlt.Gateway;

/// <summary>What the circuit breaker last reported, for health. Polly moves an open circuit to half-open only when the
/// next call arrives, so an open circuit whose break has elapsed is reported as ready to probe rather than as failing.</summary>
internal sealed class GatewayCircuit(TimeProvider time)
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _openUntil;

    public void Opened(TimeSpan breakDuration)
    {
        lock (_lock)
        {
            _openUntil = time.GetUtcNow() + breakDuration;
        }
    }

    public void Closed()
    {
        lock (_lock)
        {
            _openUntil = null;
        }
    }

    /// <summary>When the circuit is open: the time it lets the next call through; otherwise null.</summary>
    public DateTimeOffset? OpenUntil
    {
        get
        {
            lock (_lock)
            {
                return _openUntil is { } until && until > time.GetUtcNow() ? until : null;
            }
        }
    }
}
