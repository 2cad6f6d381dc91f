namespace KsQuery.Plugins.KalpDlt.Ledger;

/// <summary>A transaction as the block holds it, valid or not.</summary>
/// <param name="Creator">The submitter's wallet address (its enrollment id), null for config transactions.</param>
/// <param name="ChaincodeName">The invoked contract id (or <c>_lifecycle</c>), null for config transactions.</param>
internal sealed record LedgerTransaction(
    string TxId,
    long BlockNumber,
    int TxIndex,
    DateTimeOffset Timestamp,
    string Type,
    string CreatorMspId,
    string? Creator,
    string? ChaincodeName,
    string? Function,
    IReadOnlyList<string> Args,
    IReadOnlyList<ReadItem> ReadSet,
    IReadOnlyList<WriteItem> WriteSet,
    ChaincodeEvent? Event,
    int ValidationCode)
{
    public bool IsValid => ValidationCode == ValidationCodes.Valid;
}

internal sealed record ReadItem(string Key, KeyVersion? Version);

internal readonly record struct KeyVersion(long BlockNumber, int TxNumber);

internal sealed record WriteItem(string Key, string Value);

/// <summary>A chaincode event; KRC-20 payload values are all strings.</summary>
internal sealed record ChaincodeEvent(string Name, IReadOnlyList<KeyValuePair<string, string>> Payload)
{
    public string? Get(string key)
    {
        foreach (var (k, v) in Payload)
        {
            if (k == key)
            {
                return v;
            }
        }
        return null;
    }
}
