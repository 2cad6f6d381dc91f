using KsQuery.Plugins.Abstractions;

namespace KsQuery.Plugins.KalpDlt.Ledger;

/// <summary>Appends a block every interval while the plugin runs: written to LiteDB first, then to the in-memory view.</summary>
internal sealed class LiveBlockProducer(
    LocalLedger ledger,
    LedgerStore store,
    LedgerSchedule schedule,
    TimeProvider time,
    TimeSpan interval,
    Action<PluginLogLevel, string> log) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    /// <summary>Raised after a block is stored and visible.</summary>
    public event Action<LedgerBlock>? BlockProduced;

    public void Start() => _loop = RunAsync(_stop.Token);

    public LedgerBlock ProduceNext()
    {
        lock (_gate)
        {
            var latest = ledger.Latest ?? throw new InvalidOperationException("The ledger has no genesis block.");
            var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
            var timestamp = now > latest.Timestamp ? now : latest.Timestamp.AddMilliseconds(1);
            var built = new BlockBuilder(schedule, ledger.State).Build(latest.Number + 1, timestamp, latest.Hash);
            store.Append(built, ledger.State);
            ledger.Append(built);
            BlockProduced?.Invoke(built.Block);
            return built.Block;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    ProduceNext();
                }
                catch (Exception ex)
                {
                    log(PluginLogLevel.Error, $"Producing a live block failed: {ex.Message}");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped by DisposeAsync.
        }
    }
}
