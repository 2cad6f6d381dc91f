namespace KsQuery.Plugins.KalpDlt.Ledger;

/// <summary>Where the ledger's transactions live once they are stored: <see cref="LocalLedger"/> keeps only a small
/// entry per transaction in memory and reads a whole transaction from here when an answer needs it.</summary>
internal interface ITransactionArchive
{
    LedgerTransaction? FindTransaction(string txId);

    /// <summary>Every stored transaction in chain order (block, then index in the block).</summary>
    IReadOnlyList<LedgerTransaction> AllTransactions();
}
