using System.Threading.Channels;
using KsQuery.Modules.Keys.Accounts.Delete;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Keys.Tests.Accounts;

/// <summary>The pruner runs a purge pass once the application has started and then every hour on the clock it is given;
/// a failed pass does not stop the next.</summary>
public sealed class DeletedAccountPrunerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_pass_runs_after_the_start_and_then_every_interval_even_after_a_failure()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2031, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var purge = new SignallingPurge(time, failFirst: true);
        var lifetime = new StartableLifetime();
        using var pruner = new DeletedAccountPruner(purge, time, lifetime, NullLogger<DeletedAccountPruner>.Instance);
        await pruner.StartAsync(CancellationToken.None);
        purge.Runs.ShouldBe(0, "no pass before the application has started");

        lifetime.Start();
        (await purge.NextAsync().WaitAsync(Bound)).ShouldBe(time.GetUtcNow(), "the first pass (it fails)");

        time.Advance(DeletedAccountPruner.Interval);
        (await purge.NextAsync().WaitAsync(Bound)).ShouldBe(time.GetUtcNow(), "the next pass, an interval later");
        time.Advance(DeletedAccountPruner.Interval);
        (await purge.NextAsync().WaitAsync(Bound)).ShouldBe(time.GetUtcNow());

        await pruner.StopAsync(CancellationToken.None);
        purge.Runs.ShouldBe(3);
    }

    private sealed class SignallingPurge(TimeProvider time, bool failFirst) : IDeletedAccountPurge
    {
        private readonly Channel<DateTimeOffset> _passes = Channel.CreateUnbounded<DateTimeOffset>();
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public async Task<DateTimeOffset> NextAsync() => await _passes.Reader.ReadAsync();

        public Task<int> RunAsync(CancellationToken cancellationToken)
        {
            var run = Interlocked.Increment(ref _runs);
            _passes.Writer.TryWrite(time.GetUtcNow());
            return run == 1 && failFirst ? throw new InvalidOperationException("store unavailable") : Task.FromResult(0);
        }
    }

    private sealed class StartableLifetime : IHostApplicationLifetime
    {
        private readonly CancellationTokenSource _started = new();

        public CancellationToken ApplicationStarted => _started.Token;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void Start() => _started.Cancel();

        public void StopApplication()
        {
        }
    }
}
