using System.Text.Json;

namespace Evm.Anvil.Tests.Support;

/// <summary>Field-by-field comparison of a KS Query answer with the node's JSON-RPC answer for the same thing, by the
/// spec's numbers rule: 64-bit quantities become JSON numbers, uint256 amounts decimal strings, hashes and data stay hex,
/// addresses are EIP-55 checksummed.</summary>
public static class NodeComparison
{
    public static void ShouldMatchBlock(this JsonElement actual, JsonElement node)
    {
        node.ValueKind.ShouldBe(JsonValueKind.Object, "the node has no such block");
        Number(actual, "number").ShouldBe(Hex.ToLong(node.GetProperty("number")));
        Text(actual, "hash").ShouldBe(node.GetProperty("hash").GetString());
        Text(actual, "parentHash").ShouldBe(node.GetProperty("parentHash").GetString());
        Number(actual, "timestamp").ShouldBe(Hex.ToLong(node.GetProperty("timestamp")));
        actual.ShouldHaveAddress("miner", node.GetProperty("miner"));
        Number(actual, "gasLimit").ShouldBe(Hex.ToLong(node.GetProperty("gasLimit")));
        Number(actual, "gasUsed").ShouldBe(Hex.ToLong(node.GetProperty("gasUsed")));
        actual.ShouldHaveAmountOrNull("baseFeePerGas", node);
        Number(actual, "size").ShouldBe(Hex.ToLong(node.GetProperty("size")));
        var hashes = node.GetProperty("transactions").EnumerateArray()
            .Select(t => t.ValueKind == JsonValueKind.String ? t.GetString() : t.GetProperty("hash").GetString()).ToList();
        Number(actual, "transactionCount").ShouldBe(hashes.Count);
        actual.GetProperty("transactions").EnumerateArray().Select(t => t.GetString()).ToList().ShouldBe(hashes);
    }

    public static void ShouldMatchTransaction(this JsonElement actual, JsonElement node)
    {
        node.ValueKind.ShouldBe(JsonValueKind.Object, "the node has no such transaction");
        Text(actual, "hash").ShouldBe(node.GetProperty("hash").GetString());
        actual.ShouldHaveNumberOrNull("blockNumber", node);
        Optional(actual, "blockHash").ShouldBe(OptionalText(node, "blockHash"));
        actual.ShouldHaveNumberOrNull("transactionIndex", node);
        actual.ShouldHaveAddress("from", node.GetProperty("from"));
        actual.ShouldHaveAddressOrNull("to", node);
        Text(actual, "value").ShouldBe(Hex.Decimal(node.GetProperty("value")));
        Number(actual, "gas").ShouldBe(Hex.ToLong(node.GetProperty("gas")));
        actual.ShouldHaveAmountOrNull("gasPrice", node);
        actual.ShouldHaveAmountOrNull("maxFeePerGas", node);
        actual.ShouldHaveAmountOrNull("maxPriorityFeePerGas", node);
        Number(actual, "nonce").ShouldBe(Hex.ToLong(node.GetProperty("nonce")));
        Text(actual, "input").ShouldBe(node.GetProperty("input").GetString());
        Number(actual, "type").ShouldBe(Hex.ToLong(node.GetProperty("type")));
    }

    public static void ShouldMatchReceipt(this JsonElement actual, JsonElement node)
    {
        node.ValueKind.ShouldBe(JsonValueKind.Object, "the node has no such receipt");
        Text(actual, "transactionHash").ShouldBe(node.GetProperty("transactionHash").GetString());
        Number(actual, "blockNumber").ShouldBe(Hex.ToLong(node.GetProperty("blockNumber")));
        Text(actual, "blockHash").ShouldBe(node.GetProperty("blockHash").GetString());
        Number(actual, "transactionIndex").ShouldBe(Hex.ToLong(node.GetProperty("transactionIndex")));
        actual.ShouldHaveAddress("from", node.GetProperty("from"));
        actual.ShouldHaveAddressOrNull("to", node);
        actual.ShouldHaveAddressOrNull("contractAddress", node);
        Text(actual, "status").ShouldBe(node.GetProperty("status").GetString() == "0x1" ? "success" : "reverted");
        Number(actual, "gasUsed").ShouldBe(Hex.ToLong(node.GetProperty("gasUsed")));
        Number(actual, "cumulativeGasUsed").ShouldBe(Hex.ToLong(node.GetProperty("cumulativeGasUsed")));
        Text(actual, "effectiveGasPrice").ShouldBe(Hex.Decimal(node.GetProperty("effectiveGasPrice")));
        actual.GetProperty("logs").ShouldMatchLogs(node.GetProperty("logs"));
    }

    public static void ShouldMatchLogs(this JsonElement actual, JsonElement node)
    {
        var mine = actual.EnumerateArray().ToList();
        var theirs = node.EnumerateArray().ToList();
        mine.Count.ShouldBe(theirs.Count, actual.ToString());
        for (var i = 0; i < mine.Count; i++)
            mine[i].ShouldMatchLog(theirs[i]);
    }

    public static void ShouldMatchLog(this JsonElement actual, JsonElement node)
    {
        actual.ShouldHaveAddress("address", node.GetProperty("address"));
        actual.GetProperty("topics").EnumerateArray().Select(t => t.GetString()).ToList()
            .ShouldBe(node.GetProperty("topics").EnumerateArray().Select(t => t.GetString()).ToList());
        Text(actual, "data").ShouldBe(node.GetProperty("data").GetString());
        Number(actual, "blockNumber").ShouldBe(Hex.ToLong(node.GetProperty("blockNumber")));
        Text(actual, "blockHash").ShouldBe(node.GetProperty("blockHash").GetString());
        Text(actual, "transactionHash").ShouldBe(node.GetProperty("transactionHash").GetString());
        Number(actual, "transactionIndex").ShouldBe(Hex.ToLong(node.GetProperty("transactionIndex")));
        Number(actual, "logIndex").ShouldBe(Hex.ToLong(node.GetProperty("logIndex")));
        actual.GetProperty("removed").GetBoolean().ShouldBe(node.GetProperty("removed").GetBoolean());
    }

    /// <summary>The same address as the node's (which answers lower case), written EIP-55: checked exactly against the
    /// known checksummed form of the test's accounts and token, else as a mixed- or lower-case spelling of it.</summary>
    public static void ShouldHaveAddress(this JsonElement actual, string property, JsonElement node) =>
        ShouldBeAddress(Text(actual, property), node.GetString()!, property);

    public static void ShouldBeAddress(string actual, string node, string what = "address")
    {
        actual.ToLowerInvariant().ShouldBe(node.ToLowerInvariant(), what);
        var known = TestChain.ChecksummedAddresses.FirstOrDefault(a => a.Equals(node, StringComparison.OrdinalIgnoreCase));
        if (known is not null)
            actual.ShouldBe(known, $"{what} is not EIP-55 checksummed");
    }

    private static void ShouldHaveAddressOrNull(this JsonElement actual, string property, JsonElement node)
    {
        if (OptionalText(node, property) is { } address)
            ShouldBeAddress(Text(actual, property), address, property);
        else
            actual.GetProperty(property).ValueKind.ShouldBe(JsonValueKind.Null, property);
    }

    private static void ShouldHaveAmountOrNull(this JsonElement actual, string property, JsonElement node) =>
        Optional(actual, property).ShouldBe(OptionalText(node, property) is { } hex ? Hex.Decimal(node.GetProperty(property)) : null, property);

    private static void ShouldHaveNumberOrNull(this JsonElement actual, string property, JsonElement node)
    {
        var value = actual.GetProperty(property);
        long? mine = value.ValueKind == JsonValueKind.Null ? null : value.GetInt64();
        mine.ShouldBe(OptionalText(node, property) is { } hex ? Hex.ToLong(hex) : null, property);
    }

    public static long Number(JsonElement element, string property)
    {
        var value = element.GetProperty(property);
        value.ValueKind.ShouldBe(JsonValueKind.Number, $"{property} should be a JSON number: {element}");
        return value.GetInt64();
    }

    public static string Text(JsonElement element, string property)
    {
        var value = element.GetProperty(property);
        value.ValueKind.ShouldBe(JsonValueKind.String, $"{property} should be a string: {element}");
        return value.GetString()!;
    }

    private static string? Optional(JsonElement element, string property) =>
        element.GetProperty(property) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static string? OptionalText(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
