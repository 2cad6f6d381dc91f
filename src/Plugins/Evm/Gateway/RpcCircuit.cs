namespace KsQuery.Plugins.Evm.Gateway;

/// <summary>What the circuit breaker of an upstream last reported, and the last failure, for health and Retry-After.
/// Polly moves an open circuit to half-open only when the next call arrives, so an open circuit whose break has
/// elapsed is reported as ready to probe.</summary>
internal sealed class RpcCircuit(TimeProvider time)
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _openUntil;
    private (DateTimeOffset At, string What)? _lastFailure;
    private int _hasFailure;

    public void Opened(TimeSpan breakDuration)
    {
        lock (_lock)
            _openUntil = time.GetUtcNow() + breakDuration;
    }

    public void Closed()
    {
        lock (_lock)
            _openUntil = null;
    }

    public void Failed(string what)
    {
        lock (_lock)
        {
            _lastFailure = (time.GetUtcNow(), what);
            Volatile.Write(ref _hasFailure, 1);
        }
    }

    public void Succeeded()
    {
        // Read without the lock first: the common case (no failure recorded) costs nothing on the hot path.
        if (Volatile.Read(ref _hasFailure) == 0)
            return;
        lock (_lock)
        {
            _lastFailure = null;
            _hasFailure = 0;
        }
    }

    /// <summary>When the circuit is open: the time it lets the next call through; otherwise null.</summary>
    public DateTimeOffset? OpenUntil
    {
        get
        {
            lock (_lock)
                return _openUntil is { } until && until > time.GetUtcNow() ? until : null;
        }
    }

    /// <summary>The failure since the last success, or null.</summary>
    public (DateTimeOffset At, string What)? LastFailure
    {
        get
        {
            lock (_lock)
                return _lastFailure;
        }
    }
}
