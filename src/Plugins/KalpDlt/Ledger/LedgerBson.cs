using LiteDB;

namespace KsQuery.Plugins.KalpDlt.Ledger;

/// <summary>Hand-written BSON mapping: no reflection, and timestamps kept as Unix milliseconds so they round-trip exactly.</summary>
internal static class LedgerBson
{
    public static BsonDocument FromBlock(LedgerBlock block) => new()
    {
        ["_id"] = block.Number,
        ["hash"] = block.Hash,
        ["previousHash"] = block.PreviousHash is null ? BsonValue.Null : block.PreviousHash,
        ["dataHash"] = block.DataHash,
        ["ts"] = block.Timestamp.ToUnixTimeMilliseconds(),
        ["txIds"] = new BsonArray(block.TxIds.Select(id => new BsonValue(id))),
    };

    public static LedgerBlock ToBlock(BsonDocument doc) => new(
        doc["_id"].AsInt64,
        doc["hash"].AsString,
        doc["previousHash"].IsNull ? null : doc["previousHash"].AsString,
        doc["dataHash"].AsString,
        Time(doc["ts"]),
        doc["txIds"].AsArray.Select(v => v.AsString).ToArray());

    public static BsonDocument FromTransaction(LedgerTransaction tx) => new()
    {
        ["_id"] = tx.TxId,
        ["block"] = tx.BlockNumber,
        ["index"] = tx.TxIndex,
        ["ts"] = tx.Timestamp.ToUnixTimeMilliseconds(),
        ["type"] = tx.Type,
        ["msp"] = tx.CreatorMspId,
        ["creator"] = Text(tx.Creator),
        ["chaincode"] = Text(tx.ChaincodeName),
        ["function"] = Text(tx.Function),
        ["args"] = new BsonArray(tx.Args.Select(a => new BsonValue(a))),
        ["reads"] = new BsonArray(tx.ReadSet.Select(r => (BsonValue)new BsonDocument
        {
            ["key"] = r.Key,
            ["block"] = r.Version is { } v ? v.BlockNumber : BsonValue.Null,
            ["tx"] = r.Version is { } w ? w.TxNumber : BsonValue.Null,
        })),
        ["writes"] = new BsonArray(tx.WriteSet.Select(w => (BsonValue)new BsonDocument { ["key"] = w.Key, ["value"] = w.Value })),
        ["event"] = tx.Event is null ? BsonValue.Null : FromEvent(tx.Event),
        ["code"] = tx.ValidationCode,
    };

    public static LedgerTransaction ToTransaction(BsonDocument doc) => new(
        doc["_id"].AsString,
        doc["block"].AsInt64,
        doc["index"].AsInt32,
        Time(doc["ts"]),
        doc["type"].AsString,
        doc["msp"].AsString,
        NullableText(doc["creator"]),
        NullableText(doc["chaincode"]),
        NullableText(doc["function"]),
        doc["args"].AsArray.Select(a => a.AsString).ToArray(),
        doc["reads"].AsArray.Select(r => new ReadItem(
            r["key"].AsString,
            r["block"].IsNull ? null : new KeyVersion(r["block"].AsInt64, r["tx"].AsInt32))).ToArray(),
        doc["writes"].AsArray.Select(w => new WriteItem(w["key"].AsString, w["value"].AsString)).ToArray(),
        doc["event"].IsNull ? null : ToEvent(doc["event"].AsDocument),
        doc["code"].AsInt32);

    /// <summary>The events collection: one document per valid transaction that raised an event.</summary>
    public static BsonDocument FromEventOf(LedgerTransaction tx) => new()
    {
        ["_id"] = tx.TxId,
        ["block"] = tx.BlockNumber,
        ["index"] = tx.TxIndex,
        ["ts"] = tx.Timestamp.ToUnixTimeMilliseconds(),
        ["contract"] = tx.ChaincodeName,
        ["name"] = tx.Event!.Name,
        ["payload"] = FromPayload(tx.Event.Payload),
    };

    public static BsonDocument FromContract(ContractRecord contract, UInt128 totalSupply) => new()
    {
        ["_id"] = contract.ContractId,
        ["name"] = contract.Name,
        ["symbol"] = contract.Symbol,
        ["decimals"] = contract.Decimals,
        ["version"] = contract.Version,
        ["owner"] = contract.Owner,
        ["deployTxId"] = contract.DeployTxId,
        ["deployBlock"] = contract.DeployBlock,
        ["createdAt"] = contract.CreatedAt.ToUnixTimeMilliseconds(),
        ["totalSupply"] = TokenAmount.ToText(totalSupply),
    };

    public static (ContractRecord Contract, UInt128 TotalSupply) ToContract(BsonDocument doc) => (
        new ContractRecord(
            doc["_id"].AsString,
            doc["name"].AsString,
            doc["symbol"].AsString,
            doc["decimals"].AsInt32,
            doc["version"].AsString,
            doc["owner"].AsString,
            doc["deployTxId"].AsString,
            doc["deployBlock"].AsInt64,
            Time(doc["createdAt"])),
        TokenAmount.Parse(doc["totalSupply"].AsString));

    public static BsonDocument FromBalance(BalanceKey key, UInt128 value) => new()
    {
        ["_id"] = $"{key.ContractId}:{key.Address}",
        ["contract"] = key.ContractId,
        ["address"] = key.Address,
        ["balance"] = TokenAmount.ToText(value),
    };

    public static KeyValuePair<BalanceKey, UInt128> ToBalance(BsonDocument doc) =>
        new(new BalanceKey(doc["contract"].AsString, doc["address"].AsString), TokenAmount.Parse(doc["balance"].AsString));

    public static BsonDocument FromAllowance(AllowanceKey key, UInt128 value) => new()
    {
        ["_id"] = $"{key.ContractId}:{key.Owner}:{key.Spender}",
        ["contract"] = key.ContractId,
        ["owner"] = key.Owner,
        ["spender"] = key.Spender,
        ["value"] = TokenAmount.ToText(value),
    };

    public static KeyValuePair<AllowanceKey, UInt128> ToAllowance(BsonDocument doc) =>
        new(new AllowanceKey(doc["contract"].AsString, doc["owner"].AsString, doc["spender"].AsString), TokenAmount.Parse(doc["value"].AsString));

    private static BsonDocument FromEvent(ChaincodeEvent e) => new() { ["name"] = e.Name, ["payload"] = FromPayload(e.Payload) };

    private static ChaincodeEvent ToEvent(BsonDocument doc) =>
        new(doc["name"].AsString, doc["payload"].AsArray.Select(p => new KeyValuePair<string, string>(p["k"].AsString, p["v"].AsString)).ToArray());

    // An array of pairs rather than a sub-document: keeps the payload's field order and case exactly.
    private static BsonArray FromPayload(IReadOnlyList<KeyValuePair<string, string>> payload) =>
        new(payload.Select(p => (BsonValue)new BsonDocument { ["k"] = p.Key, ["v"] = p.Value }));

    private static BsonValue Text(string? value) => value is null ? BsonValue.Null : value;

    private static string? NullableText(BsonValue value) => value.IsNull ? null : value.AsString;

    private static DateTimeOffset Time(BsonValue value) => DateTimeOffset.FromUnixTimeMilliseconds(value.AsInt64);
}
