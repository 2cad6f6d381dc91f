using KsQuery.Modules.Keys.Hashing;

namespace Keys.Tests.Hashing;

/// <summary>The Argon2 queue gives each partition (an account, a client address, a key owner) its turn: one partition's
/// flood waits behind the others instead of starving them (issue 12, item 5). Deterministic: a grant completes the
/// waiter's task inside <see cref="FairHashingQueue.Exit"/>, so each step's winner is known when it returns.</summary>
public class FairHashingQueueTests
{
    [Fact]
    public void Work_runs_at_once_while_slots_are_free()
    {
        var queue = new FairHashingQueue(2);

        queue.EnterAsync("a", default).IsCompletedSuccessfully.ShouldBeTrue();
        queue.EnterAsync("a", default).IsCompletedSuccessfully.ShouldBeTrue();
        var third = queue.EnterAsync("b", default);

        third.IsCompleted.ShouldBeFalse();
        queue.Running.ShouldBe(2);
        queue.Exit();
        third.IsCompletedSuccessfully.ShouldBeTrue();
        queue.Running.ShouldBe(2);
        queue.Exit();
        queue.Exit();
        queue.Running.ShouldBe(0);
    }

    [Fact]
    public void A_flood_in_one_partition_waits_behind_each_other_partition_in_turn()
    {
        var queue = new FairHashingQueue(1);
        queue.EnterAsync("flood", default).IsCompletedSuccessfully.ShouldBeTrue();
        var flood = Enumerable.Range(0, 100).Select(_ => queue.EnterAsync("flood", default)).ToList();
        var honest = queue.EnterAsync("honest", default);
        var other = queue.EnterAsync("other", default);
        var honestAgain = queue.EnterAsync("honest", default);

        var order = new List<string>();
        var waiting = flood.Select(t => ("flood", t)).Append(("honest", honest)).Append(("other", other)).Append(("honest", honestAgain)).ToList();
        while (waiting.Count > 0)
        {
            queue.Exit();
            var granted = waiting.Where(w => w.Item2.IsCompleted).ToList();
            granted.Count.ShouldBe(1, "each released slot goes to exactly one waiter");
            order.Add(granted[0].Item1);
            waiting.Remove(granted[0]);
        }

        order.Take(6).ShouldBe(["flood", "honest", "other", "flood", "honest", "flood"]);
        order.Skip(6).ShouldAllBe(p => p == "flood");
        flood.ShouldAllBe(t => t.IsCompletedSuccessfully);
    }

    [Fact]
    public void Within_a_partition_work_is_granted_in_arrival_order()
    {
        var queue = new FairHashingQueue(1);
        queue.EnterAsync("a", default).IsCompletedSuccessfully.ShouldBeTrue();
        var first = queue.EnterAsync("a", default);
        var second = queue.EnterAsync("a", default);

        queue.Exit();
        first.IsCompleted.ShouldBeTrue();
        second.IsCompleted.ShouldBeFalse();
        queue.Exit();
        second.IsCompleted.ShouldBeTrue();
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_queue_and_never_takes_a_slot()
    {
        var queue = new FairHashingQueue(1);
        queue.EnterAsync("a", default).IsCompletedSuccessfully.ShouldBeTrue();
        using var cancel = new CancellationTokenSource();
        var cancelled = queue.EnterAsync("b", cancel.Token);
        var next = queue.EnterAsync("c", default);

        await cancel.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => cancelled);
        queue.Exit();

        next.IsCompletedSuccessfully.ShouldBeTrue();
        queue.Running.ShouldBe(1);
        queue.Exit();
        queue.Running.ShouldBe(0);
        queue.EnterAsync("d", default).IsCompletedSuccessfully.ShouldBeTrue();
    }

    [Fact]
    public async Task Parallel_work_never_runs_more_than_the_slots_at_once()
    {
        var queue = new FairHashingQueue(3);
        var running = 0;
        var most = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 500; i++)
            {
                await queue.EnterAsync($"p{(worker + i) % 5}", default);
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref most, now);
                Interlocked.Decrement(ref running);
                queue.Exit();
            }
        })));

        most.ShouldBeLessThanOrEqualTo(3);
        queue.Running.ShouldBe(0);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
