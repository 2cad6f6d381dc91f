namespace KsQuery.Plugins.KalpDlt.Ledger;

/// <summary>Builds the deterministic history of a fresh ledger.</summary>
internal static class HistoryGenerator
{
    public static void Generate(LocalLedger ledger, LedgerSchedule schedule, long blocks, CancellationToken cancellationToken)
    {
        var builder = new BlockBuilder(schedule, ledger.State);
        LedgerBlock? previous = null;
        for (long number = 0; number < blocks; number++)
        {
            if (number % 256 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var built = builder.Build(number, builder.HistoryTime(number, previous?.Timestamp), previous?.Hash);
            ledger.Append(built);
            previous = built.Block;
        }
    }
}
