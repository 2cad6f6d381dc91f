using System.Diagnostics;
using KsQuery.Plugins.Abstractions;

namespace KsQuery.Plugins.KalpDlt.Ledger;

/// <summary>The local Test Net: the LiteDB file, the in-memory ledger loaded from it (or from its snapshot), and the optional live producer.</summary>
internal sealed class LocalTestNet : IAsyncDisposable
{
    private readonly LedgerStore _store;
    private readonly string _directory;
    private readonly long _seed;
    private readonly Action<PluginLogLevel, string> _log;
    private readonly long _snapshotHeight;

    private LocalTestNet(LedgerStore store, LocalLedger ledger, LiveBlockProducer? producer, string directory, long seed, Action<PluginLogLevel, string> log, long snapshotHeight)
    {
        _store = store;
        Ledger = ledger;
        Producer = producer;
        _directory = directory;
        _seed = seed;
        _log = log;
        _snapshotHeight = snapshotHeight;
    }

    public LocalLedger Ledger { get; }

    public LiveBlockProducer? Producer { get; }

    public static LocalTestNet Open(PluginContext context, LedgerSettings settings, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var directory = context.DataDirectory;
        // Read beside opening LiteDB: the two take about as long, both mostly cold code.
        var snapshot = Task.Run(() => LedgerSnapshot.TryRead(directory), cancellationToken);
        var store = LedgerStore.Open(directory, context.Time, context.Log);
        try
        {
            LocalLedger ledger;
            var seed = settings.Seed;
            long snapshotHeight;
            if (store.StoredSeed is { } storedSeed)
            {
                if (storedSeed != settings.Seed)
                {
                    context.Log(PluginLogLevel.Warning,
                        $"The ledger in {directory} was generated from seed {storedSeed}, not {settings.Seed}; using it as it is.");
                    seed = storedSeed;
                }
                if (snapshot.GetAwaiter().GetResult() is { } loaded && store.Holds(loaded.Header))
                {
                    ledger = loaded.Ledger;
                    snapshotHeight = loaded.Header.Height;
                    context.Log(PluginLogLevel.Information, $"Loaded the local Test Net ledger ({snapshotHeight} blocks) from its snapshot in {clock.ElapsedMilliseconds} ms.");
                }
                else
                {
                    ledger = new LocalLedger();
                    store.LoadInto(ledger);
                    context.Log(PluginLogLevel.Information, $"Loaded the local Test Net ledger ({ledger.Latest!.Number + 1} blocks) in {clock.ElapsedMilliseconds} ms.");
                    snapshotHeight = TryWriteSnapshot(directory, ledger, seed, context.Log);
                }
            }
            else
            {
                // Whatever snapshot lies here describes another ledger; let its read finish before it is replaced.
                snapshot.Wait(cancellationToken);
                ledger = new LocalLedger();
                HistoryGenerator.Generate(ledger, new LedgerSchedule(seed), settings.Blocks, cancellationToken);
                store.SaveHistory(ledger, seed);
                // LiteDB keeps every page of that one big transaction in its page cache for as long as the file is open
                // (with 30 000 blocks, ~300 MB): reopened, it caches only what is read.
                store.Dispose();
                store = LedgerStore.Open(directory, context.Time, context.Log);
                context.Log(PluginLogLevel.Information, $"Generated the local Test Net ledger ({settings.Blocks} blocks, seed {seed}) in {clock.ElapsedMilliseconds} ms.");
                snapshotHeight = TryWriteSnapshot(directory, ledger, seed, context.Log);
            }
            ledger.KeepTransactionsIn(store);
            ReleaseHistoryMemory();
            LiveBlockProducer? producer = null;
            if (settings.BlockIntervalSeconds > 0)
            {
                producer = new LiveBlockProducer(ledger, store, new LedgerSchedule(seed), context.Time, TimeSpan.FromSeconds(settings.BlockIntervalSeconds), context.Log);
                producer.Start();
            }
            return new LocalTestNet(store, ledger, producer, directory, seed, context.Log, snapshotHeight);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Producer is not null)
        {
            await Producer.DisposeAsync();
            if (Ledger.Latest!.Number + 1 != _snapshotHeight)
            {
                TryWriteSnapshot(_directory, Ledger, _seed, _log);
            }
        }
        _store.Dispose();
    }

    /// <summary>The whole transactions read or generated at start are garbage once the ledger keeps only their entries: one
    /// compacting collection that returns the freed memory to the system now, instead of a heap sized for the whole history
    /// staying committed (with the 30 000-block ledger, hundreds of MB).</summary>
    private static void ReleaseHistoryMemory() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    /// <summary>Writes the snapshot; returns the height it holds, or -1 when it could not be written (the next start reads LiteDB).</summary>
    private static long TryWriteSnapshot(string directory, LocalLedger ledger, long seed, Action<PluginLogLevel, string> log)
    {
        try
        {
            LedgerSnapshot.Write(directory, ledger, seed);
            return ledger.Latest!.Number + 1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log(PluginLogLevel.Warning, $"Could not write the ledger snapshot in {directory}: {ex.Message}");
            return -1;
        }
    }
}
