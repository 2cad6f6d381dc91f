using System.Text.Json;
using KsQuery.Plugins.Evm.Gateway;
using KsQuery.Plugins.Evm.Json;
using static KsQuery.Plugins.Evm.Gateway.RpcRead;

namespace KsQuery.Plugins.Evm.Apis;

/// <summary>The upstream's JSON-RPC objects as the catalog's DTOs: 64-bit quantities as numbers, wei amounts as decimal
/// strings, addresses checksummed, hashes and data as lower-case hex.</summary>
internal static class DtoMapper
{
    public static BlockDto Block(JsonElement block)
    {
        const string what = "block";
        var transactions = Get(block, "transactions", what);
        if (transactions.ValueKind != JsonValueKind.Array)
            throw Bad("block.transactions");
        var hashes = transactions.EnumerateArray()
            .Select(t => t.ValueKind == JsonValueKind.Object ? Data(t, "hash", "transaction") : Data(t, "block.transactions[]"))
            .ToList();
        return new BlockDto(
            Int64(block, "number", what),
            Data(block, "hash", what),
            Data(block, "parentHash", what),
            Int64(block, "timestamp", what),
            Address(block, "miner", what),
            Int64(block, "gasLimit", what),
            Int64(block, "gasUsed", what),
            DecimalOrNull(block, "baseFeePerGas", what),
            Int64OrNull(block, "size", what) ?? 0,
            hashes.Count,
            hashes);
    }

    public static TransactionDto Transaction(JsonElement tx)
    {
        const string what = "transaction";
        return new TransactionDto(
            Data(tx, "hash", what),
            Int64OrNull(tx, "blockNumber", what),
            DataOrNull(tx, "blockHash", what),
            Int64OrNull(tx, "transactionIndex", what),
            Address(tx, "from", what),
            AddressOrNull(tx, "to", what),
            Decimal(tx, "value", what),
            Int64(tx, "gas", what),
            DecimalOrNull(tx, "gasPrice", what),
            DecimalOrNull(tx, "maxFeePerGas", what),
            DecimalOrNull(tx, "maxPriorityFeePerGas", what),
            Int64(tx, "nonce", what),
            Data(tx, "input", what),
            (int)(Int64OrNull(tx, "type", what) ?? 0));
    }

    public static ReceiptDto Receipt(JsonElement receipt, string effectiveGasPrice)
    {
        const string what = "receipt";
        var logs = Get(receipt, "logs", what);
        if (logs.ValueKind != JsonValueKind.Array)
            throw Bad("receipt.logs");
        return new ReceiptDto(
            Data(receipt, "transactionHash", what),
            Int64(receipt, "blockNumber", what),
            Data(receipt, "blockHash", what),
            Int64(receipt, "transactionIndex", what),
            Address(receipt, "from", what),
            AddressOrNull(receipt, "to", what),
            AddressOrNull(receipt, "contractAddress", what),
            Int64OrNull(receipt, "status", what) == 0 ? "reverted" : "success",
            Int64(receipt, "gasUsed", what),
            Int64(receipt, "cumulativeGasUsed", what),
            effectiveGasPrice,
            [.. logs.EnumerateArray().Select(Log)]);
    }

    public static LogDto Log(JsonElement log)
    {
        const string what = "log";
        var topics = Get(log, "topics", what);
        if (topics.ValueKind != JsonValueKind.Array)
            throw Bad("log.topics");
        return new LogDto(
            Address(log, "address", what),
            [.. topics.EnumerateArray().Select(t => Data(t, "log.topics[]"))],
            Data(log, "data", what),
            Int64(log, "blockNumber", what),
            Data(log, "blockHash", what),
            Data(log, "transactionHash", what),
            Int64(log, "transactionIndex", what),
            Int64(log, "logIndex", what),
            Boolean(log, "removed"));
    }
}
