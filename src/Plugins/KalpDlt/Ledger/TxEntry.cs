namespace KsQuery.Plugins.KalpDlt.Ledger;

/// <summary>What the ledger keeps in memory of a transaction: the fields its filters and counts read, about 40 bytes.
/// The transaction itself (arguments, read and write sets, event payload) is read from the archive when answered.</summary>
/// <param name="Chaincode">Interned: one string per contract id.</param>
/// <param name="EventName">Interned; null when the transaction raised no event.</param>
internal readonly record struct TxEntry(int Block, int Index, long TimestampMs, int ValidationCode, string? Chaincode, string? EventName)
{
    public bool IsValid => ValidationCode == ValidationCodes.Valid;

    public DateTimeOffset Timestamp => DateTimeOffset.FromUnixTimeMilliseconds(TimestampMs);
}
