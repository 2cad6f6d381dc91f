using KsQuery.Plugins.Abstractions;
using static KsQuery.Plugins.Evm.Catalog.EvmParameters;

namespace KsQuery.Plugins.Evm.Catalog;

/// <summary>The descriptor of a chain: every network gets the same catalog, answered through its upstream JSON-RPC node.</summary>
internal static class EvmCatalog
{
    private const string Network = "Network";
    private const string Blocks = "Blocks";
    private const string Transactions = "Transactions";
    private const string Accounts = "Accounts";
    private const string Tokens = "Tokens";
    private const string Contracts = "Contracts";
    private const string Logs = "Logs";
    private const string Raw = "Raw";

    public const int DefaultMaxLogBlockRange = 1000;
    public const int MaxLogBlockRangeLimit = 100_000;

    public static ChainDescriptor Create(EvmChain chain) => new(
        chain.Id,
        chain.Name,
        PluginContract.Version,
        [.. chain.Networks.Select(n => new NetworkDescriptor(n.Id, n.Name, n.IsTest, WithErrors(Apis(chain.Id))))])
    {
        ContractMinorVersion = PluginContract.MinorVersion,
    };

    /// <summary>Every API can also fail upstream; the catalog's <c>errors</c> lists the codes of every failure.</summary>
    private static ApiDescriptor[] WithErrors(ApiDescriptor[] apis) =>
        [.. apis.Select(api =>
        {
            ApiFailure[] failures = [.. api.Failures ?? [], .. EvmFailures.Upstream];
            return api with { Failures = failures, Errors = [.. failures.Select(f => f.Code).Distinct()] };
        })];

    private static ApiDescriptor[] Apis(string chainId) =>
    [
        new(EvmApiIds.NetworkInfo, "Network info", Network, ApiMethod.Get, "network",
            "Chain id, newest block number, gas price (wei, decimal string), sync state and client version of the upstream node.",
            [], ExampleResponse: EvmExamples.NetworkInfo, Failures: [], Response: EvmResponses.NetworkInfo),
        new(EvmApiIds.BlockNumber, "Block number", Network, ApiMethod.Get, "block-number",
            "The number of the newest block (eth_blockNumber).",
            [], ExampleResponse: EvmExamples.BlockNumber, Failures: [], Response: EvmResponses.BlockNumber),
        new(EvmApiIds.Block, "Block", Blocks, ApiMethod.Get, "blocks/{block}",
            "A block by decimal number or by tag (latest, finalized, safe, earliest), with its transaction hashes.",
            [BlockPath], ExampleResponse: EvmExamples.BlockAnswer, Failures: [EvmFailures.BlockNotFound], Response: EvmResponses.Block),
        new(EvmApiIds.BlockByHash, "Block by hash", Blocks, ApiMethod.Get, "blocks/by-hash/{hash}",
            "A block by its hash, with its transaction hashes.",
            [BlockHash], ExampleResponse: EvmExamples.BlockAnswer, Failures: [EvmFailures.BlockNotFound], Response: EvmResponses.Block),
        new(EvmApiIds.BlockTransactions, "Block transactions", Blocks, ApiMethod.Get, "blocks/{block}/transactions",
            "A page of a block's transactions, in block order.",
            [BlockPath, Page, Size], ExampleResponse: EvmExamples.TransactionPage, Failures: [EvmFailures.BlockNotFound], Response: EvmResponses.Transactions),
        new(EvmApiIds.Transaction, "Transaction", Transactions, ApiMethod.Get, "transactions/{hash}",
            "A transaction by hash (pending ones have a null block number, hash and index).",
            [TransactionHash], ExampleResponse: EvmExamples.TransactionAnswer, Failures: [EvmFailures.TransactionNotFound], Response: EvmResponses.Transaction),
        new(EvmApiIds.TransactionReceipt, "Transaction receipt", Transactions, ApiMethod.Get, "transactions/{hash}/receipt",
            "The receipt of a mined transaction: status, gas used, effective gas price and logs.",
            [TransactionHash], ExampleResponse: EvmExamples.ReceiptAnswer, Failures: [EvmFailures.ReceiptNotFound], Response: EvmResponses.Receipt),
        new(EvmApiIds.AccountBalance, "Account balance", Accounts, ApiMethod.Get, "accounts/{address}/balance",
            "An account's native balance in wei (decimal string) at a block.",
            [AddressPath, BlockQuery], ExampleResponse: EvmExamples.Balance, Failures: [EvmFailures.Invalid], Response: EvmResponses.Balance),
        new(EvmApiIds.AccountNonce, "Account nonce", Accounts, ApiMethod.Get, "accounts/{address}/nonce",
            "An account's transaction count (nonce) at a block.",
            [AddressPath, BlockQuery], ExampleResponse: EvmExamples.Nonce, Failures: [EvmFailures.Invalid], Response: EvmResponses.Nonce),
        new(EvmApiIds.AccountCode, "Account code", Accounts, ApiMethod.Get, "accounts/{address}/code",
            "The code deployed at an address at a block, and whether it is a contract.",
            [AddressPath, BlockQuery], ExampleResponse: EvmExamples.Code, Failures: [EvmFailures.Invalid], Response: EvmResponses.Code),
        new(EvmApiIds.TokenInfo, "Token info", Tokens, ApiMethod.Get, "tokens/{contract}",
            "An ERC-20 token's name, symbol, decimals and total supply (base units, decimal string), read with eth_call at the latest block.",
            [ContractPath], ExampleResponse: EvmExamples.TokenInfo,
            Failures: [EvmFailures.Invalid, EvmFailures.ContractNotFound, EvmFailures.Reverted], Response: EvmResponses.TokenInfo),
        new(EvmApiIds.TokenBalance, "Token balance", Tokens, ApiMethod.Get, "tokens/{contract}/balances/{address}",
            "An account's ERC-20 balance (balanceOf, base units, decimal string) and the token's decimals, at the latest block.",
            [ContractPath, AddressPath], ExampleResponse: EvmExamples.TokenBalance,
            Failures: [EvmFailures.Invalid, EvmFailures.ContractNotFound, EvmFailures.Reverted], Response: EvmResponses.TokenBalance),
        new(EvmApiIds.ContractCall, "Contract call", Contracts, ApiMethod.Post, "contracts/{address}/call",
            "A read-only eth_call of a contract with ABI-encoded call data; returns the raw result.",
            [AddressPath],
            new ApiBody("`data`: ABI-encoded call data (0x hex, selector first); `from`: optional caller address; `block`: optional decimal number or tag (default latest).",
                EvmExamples.CallBody),
            EvmExamples.CallAnswer, Failures: [EvmFailures.Invalid, EvmFailures.ContractNotFound, EvmFailures.Reverted], Response: EvmResponses.CallResult),
        new(EvmApiIds.ContractCallFunction, "Contract function call", Contracts, ApiMethod.Post, "contracts/{address}/call-function",
            "A read-only eth_call of a function given by its signature and arguments; the result is decoded with the `returns` types.",
            [AddressPath],
            new ApiBody("`function`: a signature such as balanceOf(address) (elementary types and arrays of them; no tuples); `args`: one JSON value per " +
                "parameter (integers as numbers or decimal strings, addresses and bytes as 0x hex, bool, string, arrays as arrays); `returns`: the " +
                "return types, e.g. [\"uint256\"]; `from`, `block` as for the contract call.",
                EvmExamples.CallFunctionBody),
            EvmExamples.CallFunctionAnswer, Failures: [EvmFailures.Invalid, EvmFailures.ContractNotFound, EvmFailures.Reverted], Response: EvmResponses.CallFunctionResult),
        new(EvmApiIds.Logs, "Logs", Logs, ApiMethod.Get, "logs",
            $"Logs by contract address and topics over a bounded block range, paged. toBlock defaults to the newest block, fromBlock to toBlock; " +
            $"toBlock - fromBlock + 1 must not exceed Plugins:{chainId}:MaxLogBlockRange (default {DefaultMaxLogBlockRange}, at most {MaxLogBlockRangeLimit}), else 400 validation_failed.",
            [
                Query("address", ParameterType.String, "Only logs emitted by this contract (0x and 40 hex; mixed case must be a valid EIP-55 checksum).", AddressPattern),
                Query("topic0", ParameterType.String, "Only logs whose first topic (the event signature hash) is this (0x and 64 hex).", TopicPattern),
                Query("topic1", ParameterType.String, "Only logs whose second topic is this.", TopicPattern),
                Query("topic2", ParameterType.String, "Only logs whose third topic is this.", TopicPattern),
                Query("topic3", ParameterType.String, "Only logs whose fourth topic is this.", TopicPattern),
                Query("fromBlock", ParameterType.Integer, "First block of the range, inclusive; default: toBlock.", minimum: 0),
                Query("toBlock", ParameterType.Integer, "Last block of the range, inclusive; default: the newest block.", minimum: 0),
                Page, Size,
            ],
            ExampleResponse: EvmExamples.LogPage, Failures: [EvmFailures.Invalid], Response: EvmResponses.Logs),
        new(EvmApiIds.Rpc, "JSON-RPC", Raw, ApiMethod.Post, "rpc",
            "A raw JSON-RPC call restricted to read methods: " + string.Join(", ", RpcAllowlist.Methods) + ". eth_getLogs is not allowed: use the logs API, which bounds the range.",
            [],
            new ApiBody("`method`: an allowed JSON-RPC method; `params`: its parameters as a JSON array (default []).", EvmExamples.RpcBody),
            EvmExamples.RpcAnswer, Failures: [EvmFailures.Invalid, EvmFailures.MethodNotAllowed, EvmFailures.Reverted], Response: EvmResponses.Rpc),
    ];
}
