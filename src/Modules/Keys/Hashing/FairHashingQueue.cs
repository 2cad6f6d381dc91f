namespace KsQuery.Modules.Keys.Hashing;

/// <summary>
/// The slots of concurrent Argon2 work, shared fairly between partitions (an account, a client address, a key owner:
/// see <see cref="HashPartition"/>). While a slot is free, work starts at once. Otherwise it waits in its partition's
/// queue, and each released slot goes to the next partition in turn (round robin, each partition's work in arrival
/// order): a partition that floods the hasher waits behind every other partition's next piece of work instead of
/// ahead of all of it, so an honest login waits for about one hash per busy partition, not for the whole flood.
/// </summary>
internal sealed class FairHashingQueue(int slots)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<Waiter>> _waiting = new(StringComparer.Ordinal);
    // Partitions with waiting work, in the order they get their next turn.
    private readonly Queue<string> _turns = new();
    private int _running;
    private int _waitingCount;

    public int Slots => slots;

    /// <summary>Slots in use.</summary>
    public int Running
    {
        get
        {
            lock (_gate)
                return _running;
        }
    }

    /// <summary>Work waiting for a slot (the <c>ksquery.argon2.queue</c> metric).</summary>
    public int Waiting => Volatile.Read(ref _waitingCount);

    /// <summary>Completes when the caller holds a slot; it must <see cref="Exit"/> afterwards (not when cancelled).</summary>
    public Task EnterAsync(string partition, CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (_gate)
        {
            if (_running < slots && _turns.Count == 0)
            {
                _running++;
                return Task.CompletedTask;
            }
            cancellationToken.ThrowIfCancellationRequested();
            waiter = new Waiter(partition, cancellationToken);
            if (!_waiting.TryGetValue(partition, out var queue))
            {
                _waiting[partition] = queue = new Queue<Waiter>();
                _turns.Enqueue(partition);
            }
            queue.Enqueue(waiter);
            _waitingCount++;
        }
        if (cancellationToken.CanBeCanceled)
        {
            waiter.Cancellation = cancellationToken.Register(static state =>
            {
                var (queue, waiter) = ((FairHashingQueue, Waiter))state!;
                queue.Cancel(waiter);
            }, (this, waiter));
            // Granted before the registration existed: nothing left to cancel.
            if (waiter.Task.IsCompleted)
                waiter.Cancellation.Dispose();
        }
        return waiter.Task;
    }

    /// <summary>Releases the caller's slot: to the partition whose turn is next, or back to the free slots.</summary>
    public void Exit()
    {
        Waiter? next = null;
        lock (_gate)
        {
            if (_turns.TryDequeue(out var partition))
            {
                var queue = _waiting[partition];
                next = queue.Dequeue();
                _waitingCount--;
                if (queue.Count > 0)
                    _turns.Enqueue(partition);
                else
                    _waiting.Remove(partition);
            }
            else
            {
                _running--;
            }
        }
        next?.Grant();
    }

    private void Cancel(Waiter waiter)
    {
        lock (_gate)
        {
            // Already granted: the slot is the caller's, who exits it as usual.
            if (!_waiting.TryGetValue(waiter.Partition, out var queue) || !queue.Contains(waiter))
                return;
            var rest = queue.Where(w => !ReferenceEquals(w, waiter)).ToList();
            _waitingCount--;
            queue.Clear();
            foreach (var w in rest)
                queue.Enqueue(w);
            if (queue.Count == 0)
            {
                _waiting.Remove(waiter.Partition);
                var turns = _turns.Where(p => p != waiter.Partition).ToList();
                _turns.Clear();
                foreach (var p in turns)
                    _turns.Enqueue(p);
            }
        }
        waiter.Cancelled();
    }

    private sealed class Waiter(string partition, CancellationToken cancellationToken)
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Partition => partition;

        public CancellationTokenRegistration Cancellation { get; set; }

        public Task Task => _done.Task;

        public void Grant()
        {
            Cancellation.Dispose();
            _done.SetResult();
        }

        public void Cancelled() => _done.SetCanceled(cancellationToken);
    }
}
