using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Evm.Anvil.Tests.Support;

/// <summary>What the set-up put on a node: the test ERC-20 (tools/contracts/TestToken.sol) deployed from anvil's first
/// unlocked account, token transfers (hand-encoded <c>transfer</c> data) and plain ETH transfers, each mined in its own block (automine).</summary>
public sealed class TestChain
{
    // Anvil's default accounts for its default mnemonic, EIP-55 checksummed (what KS Query must answer).
    public const string Deployer = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    public const string Alice = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    public const string Bob = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    public const string Carol = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
    /// <summary>The address of the deployer's first contract (nonce 0), the token's.</summary>
    public const string TokenAddress = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    /// <summary>keccak256("Transfer(address,address,uint256)").</summary>
    public const string TransferTopic = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
    public const string BalanceOfSelector = "0x70a08231";
    private const string TransferSelector = "0xa9059cbb";

    public static readonly IReadOnlyList<string> ChecksummedAddresses = [Deployer, Alice, Bob, Carol, TokenAddress];

    public static readonly BigInteger TotalSupply = BigInteger.Parse("1000000000000000000000000");

    public string DeployHash { get; private init; } = "";
    public IReadOnlyList<string> TokenTransferHashes { get; private init; } = [];
    public IReadOnlyList<string> EthTransferHashes { get; private init; } = [];
    public IEnumerable<string> AllHashes => [DeployHash, .. TokenTransferHashes, .. EthTransferHashes];

    public static async Task<TestChain> SetUpAsync(JsonRpcClient rpc)
    {
        var bytecode = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Contracts", "TestToken.bin"))).Trim();
        var deploy = await SendAsync(rpc, new JsonObject { ["from"] = Deployer, ["data"] = bytecode, ["gas"] = "0x200000" });
        var receipt = await rpc.CallAsync("eth_getTransactionReceipt", [deploy]);
        receipt.GetProperty("status").GetString().ShouldBe("0x1", "the test token's deployment failed");
        receipt.GetProperty("contractAddress").GetString().ShouldBe(TokenAddress.ToLowerInvariant());

        var tokens = new List<string>
        {
            await TransferTokensAsync(rpc, Deployer, Alice, 1_000),
            await TransferTokensAsync(rpc, Deployer, Bob, 250),
            await TransferTokensAsync(rpc, Alice, Bob, 40),
        };
        var eth = new List<string>
        {
            await SendAsync(rpc, new JsonObject { ["from"] = Deployer, ["to"] = Carol, ["value"] = Hex.Quantity(1_500_000_000_000_000_000) }),
            await SendAsync(rpc, new JsonObject { ["from"] = Alice, ["to"] = Bob, ["value"] = "0x2386f26fc10000" }),
        };
        return new TestChain { DeployHash = deploy, TokenTransferHashes = tokens, EthTransferHashes = eth };
    }

    /// <summary>ERC-20 <c>transfer(to, value)</c>, hand-encoded: the selector and two 32-byte words.</summary>
    public static string TransferData(string to, BigInteger value) => TransferSelector + Hex.Word(to) + Hex.Word(value);

    public static string BalanceOfData(string owner) => BalanceOfSelector + Hex.Word(owner);

    private static Task<string> TransferTokensAsync(JsonRpcClient rpc, string from, string to, int wholeTokens) =>
        SendAsync(rpc, new JsonObject
        {
            ["from"] = from,
            ["to"] = TokenAddress,
            ["data"] = TransferData(to, wholeTokens * BigInteger.Pow(10, 18)),
            ["gas"] = "0x100000",
        });

    /// <summary>Sends from an unlocked account with <c>eth_sendTransactionSync</c> (EIP-7966), which answers with the
    /// receipt once automine has mined the transaction: nothing to poll.</summary>
    public static async Task<string> SendAsync(JsonRpcClient rpc, JsonObject transaction)
    {
        var receipt = await rpc.CallAsync("eth_sendTransactionSync", [transaction]);
        receipt.ValueKind.ShouldBe(JsonValueKind.Object, $"no receipt for {transaction.ToJsonString()}");
        return receipt.GetProperty("transactionHash").GetString()!;
    }
}
