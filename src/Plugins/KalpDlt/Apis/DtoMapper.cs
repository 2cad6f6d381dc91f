using KsQuery.Plugins.KalpDlt.Json;
using KsQuery.Plugins.KalpDlt.Ledger;

namespace KsQuery.Plugins.KalpDlt.Apis;

/// <summary>Ledger records to the JSON shapes of the catalog.</summary>
internal static class DtoMapper
{
    public const string Standard = "KRC-20";

    public static BlockSummaryDto BlockSummary(LedgerBlock block) => new(block.Number, block.Hash, block.TxIds.Count, block.Timestamp.UtcDateTime);

    public static BlockDto Block(LedgerBlock block) =>
        new(block.Number, block.Hash, block.PreviousHash, block.DataHash, block.Timestamp.UtcDateTime, KalpNetwork.Channel, block.TxIds.Count, block.TxIds);

    public static TransactionSummaryDto TransactionSummary(LedgerTransaction tx) =>
        new(tx.TxId, tx.BlockNumber, tx.TxIndex, tx.Timestamp.UtcDateTime, tx.Type, tx.ChaincodeName, tx.Function, tx.Creator,
            ValidationCodes.Status(tx.ValidationCode), tx.ValidationCode);

    public static TransactionDto Transaction(LedgerTransaction tx, string blockHash) =>
        new(tx.TxId, tx.BlockNumber, blockHash, tx.TxIndex, KalpNetwork.Channel, tx.Type, tx.Timestamp.UtcDateTime, tx.CreatorMspId, tx.Creator,
            tx.ChaincodeName, tx.Function, tx.Args,
            tx.ReadSet.Select(r => new ReadDto(r.Key, r.Version is { } v ? new KeyVersionDto(v.BlockNumber, v.TxNumber) : null)).ToArray(),
            tx.WriteSet.Select(w => new WriteDto(w.Key, w.Value)).ToArray(),
            tx.Event is { } e ? new ChaincodeEventDto(e.Name, Payload(e)) : null,
            tx.ValidationCode, ValidationCodes.Name(tx.ValidationCode), ValidationCodes.Status(tx.ValidationCode));

    public static ContractDto Contract(ContractInfo info)
    {
        var c = info.Contract;
        return new ContractDto(c.ContractId, c.Name, c.Symbol, Standard, c.Version, c.Decimals, c.Owner, c.DeployTxId, c.DeployBlock,
            info.TxCount, c.CreatedAt.UtcDateTime, info.LastTxAt?.UtcDateTime);
    }

    public static TokenDto Token(ContractInfo info) =>
        new(info.Contract.ContractId, info.Contract.Name, info.Contract.Symbol, info.Contract.Decimals,
            TokenAmount.ToText(info.TotalSupply), TokenAmount.Format(info.TotalSupply, info.Contract.Decimals), info.Holders);

    public static EventDto Event(LedgerTransaction tx) =>
        new(tx.TxId, tx.BlockNumber, tx.TxIndex, tx.Timestamp.UtcDateTime, tx.ChaincodeName!, tx.Event!.Name, Payload(tx.Event));

    public static PageDto<TOut> Page<TIn, TOut>(Page<TIn> page, PageRequest request, Func<TIn, TOut> map) =>
        new(page.Items.Select(map).ToArray(), request.Page, request.Size, page.Total);

    private static Dictionary<string, string> Payload(ChaincodeEvent e)
    {
        var payload = new Dictionary<string, string>(e.Payload.Count, StringComparer.Ordinal);
        foreach (var (key, value) in e.Payload)
        {
            payload[key] = value;
        }
        return payload;
    }
}
