using System.Diagnostics;
using KsQuery.Plugins.Abstractions;

namespace KsQuery.Plugins.KalpDlt.Ledger;

/// <summary>The local Test Net: the LiteDB file, the in-memory ledger loaded from it, and the optional live producer.</summary>
internal sealed class LocalTestNet : IAsyncDisposable
{
    private readonly LedgerStore _store;

    private LocalTestNet(LedgerStore store, LocalLedger ledger, LiveBlockProducer? producer)
    {
        _store = store;
        Ledger = ledger;
        Producer = producer;
    }

    public LocalLedger Ledger { get; }

    public LiveBlockProducer? Producer { get; }

    public static LocalTestNet Open(PluginContext context, LedgerSettings settings, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var schedule = new LedgerSchedule(settings.Seed);
        var ledger = new LocalLedger();
        var store = LedgerStore.Open(context.DataDirectory);
        try
        {
            if (store.StoredSeed is { } storedSeed)
            {
                if (storedSeed != settings.Seed)
                {
                    context.Log(PluginLogLevel.Warning,
                        $"The ledger in {context.DataDirectory} was generated from seed {storedSeed}, not {settings.Seed}; using it as it is.");
                    schedule = new LedgerSchedule(storedSeed);
                }
                store.LoadInto(ledger);
                context.Log(PluginLogLevel.Information, $"Loaded the local Test Net ledger ({ledger.Latest!.Number + 1} blocks) in {clock.ElapsedMilliseconds} ms.");
            }
            else
            {
                HistoryGenerator.Generate(ledger, schedule, settings.Blocks, cancellationToken);
                store.SaveHistory(ledger, settings.Seed);
                context.Log(PluginLogLevel.Information, $"Generated the local Test Net ledger ({settings.Blocks} blocks, seed {settings.Seed}) in {clock.ElapsedMilliseconds} ms.");
            }
            LiveBlockProducer? producer = null;
            if (settings.BlockIntervalSeconds > 0)
            {
                producer = new LiveBlockProducer(ledger, store, schedule, context.Time, TimeSpan.FromSeconds(settings.BlockIntervalSeconds), context.Log);
                producer.Start();
            }
            return new LocalTestNet(store, ledger, producer);
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
        }
        _store.Dispose();
    }
}
