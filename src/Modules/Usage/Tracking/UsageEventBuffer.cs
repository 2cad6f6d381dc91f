using KsQuery.Contracts.Messages;
using System.Collections.Concurrent;

namespace KsQuery.Modules.Usage.Tracking;

/// <summary>Collects the usage events of answered keyed calls between two publications by <see cref="UsageEventPump"/>,
/// and lets dashboard reads wait until every event collected before them has been handled (read-your-writes).</summary>
internal sealed class UsageEventBuffer(TimeProvider time)
{
    private readonly ConcurrentQueue<KeyedCallCompleted> _queue = new();
    private readonly SemaphoreSlim _pending = new(0);
    private int _signalled;
    private long _added;
    private long _handled;
    private TaskCompletionSource _progress = NewSignal();
    private TaskCompletionSource _flushRequested = NewSignal();

    /// <summary>On the keyed path: a queue append and, at most once per publication, a semaphore release.</summary>
    public void Add(KeyedCallCompleted call)
    {
        _queue.Enqueue(call);
        Interlocked.Increment(ref _added);
        // Read first: once signalled, calls until the next publication do not write the shared flag.
        if (Volatile.Read(ref _signalled) == 0 && Interlocked.Exchange(ref _signalled, 1) == 0)
            _pending.Release();
    }

    /// <summary>For the pump: waits for events, lets more gather for up to <paramref name="window"/> unless a reader is
    /// waiting, then takes everything queued.</summary>
    public async Task<KeyedCallCompleted[]> TakeAsync(TimeSpan window, TimeProvider time, CancellationToken cancellationToken)
    {
        await _pending.WaitAsync(cancellationToken);
        var flush = Volatile.Read(ref _flushRequested);
        if (window > TimeSpan.Zero && !flush.Task.IsCompleted)
            await Task.WhenAny(Task.Delay(window, time, cancellationToken), flush.Task);
        if (flush.Task.IsCompleted)
            Interlocked.CompareExchange(ref _flushRequested, NewSignal(), flush);
        // Reset before draining: an event added after this point signals the next round.
        Volatile.Write(ref _signalled, 0);
        return Drain();
    }

    /// <summary>Everything still queued (at shutdown).</summary>
    public KeyedCallCompleted[] Drain()
    {
        var batch = new List<KeyedCallCompleted>(_queue.Count);
        while (_queue.TryDequeue(out var call))
            batch.Add(call);
        return [.. batch];
    }

    /// <summary>Called once the events of a publication are counted.</summary>
    public void Handled(int count)
    {
        Interlocked.Add(ref _handled, count);
        Interlocked.Exchange(ref _progress, NewSignal()).TrySetResult();
    }

    /// <summary>Waits until every event added before this call has been handled, for at most <paramref name="timeout"/>;
    /// false when it gave up. Batches are handled in order (the Usage handler's sequential local queue), so the handled
    /// count reaching the added count means exactly that.</summary>
    public async Task<bool> FlushAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var target = Interlocked.Read(ref _added);
        var deadline = time.GetTimestamp() + (long)(timeout.TotalSeconds * time.TimestampFrequency);
        while (true)
        {
            var progress = Volatile.Read(ref _progress);
            if (Interlocked.Read(ref _handled) >= target)
                return true;
            var left = deadline - time.GetTimestamp();
            if (left <= 0)
                return false;
            Volatile.Read(ref _flushRequested).TrySetResult();
            try
            {
                await progress.Task.WaitAsync(TimeSpan.FromSeconds((double)left / time.TimestampFrequency), time, cancellationToken);
            }
            catch (TimeoutException)
            {
                return Interlocked.Read(ref _handled) >= target;
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
