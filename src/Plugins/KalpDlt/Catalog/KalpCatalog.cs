using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.KalpDlt.Ledger;
using static KsQuery.Plugins.KalpDlt.Catalog.KalpParameters;

namespace KsQuery.Plugins.KalpDlt.Catalog;

/// <summary>The chain descriptor and the <c>kalp/testnet</c> catalog of KALP_DLT.md.</summary>
internal static class KalpCatalog
{
    private const string Network = "Network";
    private const string Channels = "Channels";
    private const string Blocks = "Blocks";
    private const string Transactions = "Transactions";
    private const string SmartContracts = "Smart Contracts";
    private const string Tokens = "Tokens";
    private const string Events = "Events";
    private const string Analytics = "Analytics";

    private static readonly ApiFailure Validation = KalpFailures.RangeInvalid;
    private static readonly ApiFailure BlockNotFound = KalpFailures.BlockNotFound;
    private static readonly ApiFailure ContractNotFound = KalpFailures.ContractNotFound;

    public static ChainDescriptor Create() => new(
        KalpNetwork.ChainId,
        KalpNetwork.ChainName,
        PluginContract.Version,
        [new NetworkDescriptor(KalpNetwork.NetworkId, KalpNetwork.NetworkName, IsTest: true, WithSourceErrors(Apis()), ["TESTNET", "DEVNET", "NEWTESTNET"])]);

    /// <summary>With the Kalp gateway configured, three APIs go upstream (and can fail there) and the others answer 501.
    /// The catalog's <c>errors</c> lists the codes of every failure.</summary>
    private static ApiDescriptor[] WithSourceErrors(ApiDescriptor[] apis) =>
        apis.Select(api =>
        {
            ApiFailure[] failures = api.Id switch
            {
                KalpApiIds.ContractQuery or KalpApiIds.Balance =>
                    [.. api.Failures ?? [], KalpFailures.GatewayRejected, KalpFailures.GatewayFailed, KalpFailures.GatewayPaused],
                KalpApiIds.Token =>
                    [.. api.Failures ?? [], KalpFailures.GatewayRejected, KalpFailures.TokenNeedsWallet, KalpFailures.GatewayFailed, KalpFailures.GatewayPaused],
                _ => [.. api.Failures ?? [], KalpFailures.NotSupportedBySource],
            };
            return api with { Failures = failures, Errors = failures.Select(f => f.Code).Distinct().ToArray() };
        }).ToArray();

    private static ApiDescriptor[] Apis() =>
    [
        new(KalpApiIds.NetworkInfo, "Network info", Network, ApiMethod.Get, "network",
            "Name, chain id, channel, currency, decimals, height and latest block time of the network.",
            [], ExampleResponse: CatalogExamples.NetworkInfo, Failures: [], Response: KalpResponses.NetworkInfo),
        new(KalpApiIds.Channels, "Channels", Channels, ApiMethod.Get, "channels",
            "The network's channels with their genesis block hash, block and transaction counts and creation time.",
            [Page, Size], ExampleResponse: CatalogExamples.Channels, Failures: [], Response: KalpResponses.Channels),
        new(KalpApiIds.Blocks, "Blocks", Blocks, ApiMethod.Get, "blocks",
            "Blocks, newest first, optionally limited to a range of block numbers.",
            [
                Query("from", ParameterType.Integer, "Lowest block number, inclusive.", minimum: 0),
                Query("to", ParameterType.Integer, "Highest block number, inclusive; not below 'from'.", minimum: 0),
                Page, Size,
            ],
            ExampleResponse: CatalogExamples.Blocks, Failures: [Validation], Response: KalpResponses.Blocks),
        new(KalpApiIds.BlockLatest, "Latest block", Blocks, ApiMethod.Get, "blocks/latest",
            "The newest block with its header hashes and transaction ids.",
            [], ExampleResponse: CatalogExamples.Block, Failures: [], Response: KalpResponses.Block),
        new(KalpApiIds.Block, "Block by number", Blocks, ApiMethod.Get, "blocks/{number}",
            "One block: number, hash, previous hash, data hash, timestamp, channel and transaction ids.",
            [BlockNumber], ExampleResponse: CatalogExamples.Block, Failures: [BlockNotFound], Response: KalpResponses.Block),
        new(KalpApiIds.BlockByHash, "Block by hash", Blocks, ApiMethod.Get, "blocks/by-hash/{hash}",
            "One block found by its header hash (case-insensitive hex).",
            [BlockHash], ExampleResponse: CatalogExamples.Block, Failures: [BlockNotFound], Response: KalpResponses.Block),
        new(KalpApiIds.BlockTransactions, "Block transactions", Blocks, ApiMethod.Get, "blocks/{number}/transactions",
            "Summaries of a block's transactions, in block order.",
            [BlockNumber, Page, Size], ExampleResponse: CatalogExamples.TransactionList, Failures: [BlockNotFound], Response: KalpResponses.Transactions),
        new(KalpApiIds.Transactions, "Transactions", Transactions, ApiMethod.Get, "transactions",
            "Transaction summaries, newest first, filtered by contract, address, status and time.",
            [
                Query("contract", ParameterType.String, "Only transactions invoking this contract id.", ContractIdPattern),
                Query("address", ParameterType.String, "Only transactions submitted by or moving tokens of this wallet address (40 hex, no 0x).", AddressPattern),
                Query("status", ParameterType.String, "SUCCESS (validation code 0) or FAILED (any other code).", StatusPattern),
                Query("from", ParameterType.DateTime, "Earliest transaction time, inclusive (ISO-8601)."),
                Query("to", ParameterType.DateTime, "Latest transaction time, inclusive (ISO-8601); not before 'from'."),
                Page, Size,
            ],
            ExampleResponse: CatalogExamples.TransactionList, Failures: [ContractNotFound, Validation], Response: KalpResponses.Transactions),
        new(KalpApiIds.Transaction, "Transaction", Transactions, ApiMethod.Get, "transactions/{txId}",
            "Everything the ledger knows of a transaction: block, creator, chaincode call, read and write sets, event, validation code and status.",
            [TxId], ExampleResponse: CatalogExamples.Transaction, Failures: [KalpFailures.TransactionNotFound], Response: KalpResponses.Transaction),
        new(KalpApiIds.Contracts, "Smart contracts", SmartContracts, ApiMethod.Get, "smart-contracts",
            "Deployed contracts, newest first, with transaction counts; optionally filtered by name.",
            [Query("name", ParameterType.String, "Only contracts whose name contains this text (case-insensitive).", NamePattern), Page, Size],
            ExampleResponse: CatalogExamples.Contracts, Failures: [], Response: KalpResponses.Contracts),
        new(KalpApiIds.Contract, "Smart contract", SmartContracts, ApiMethod.Get, "smart-contracts/{contractId}",
            "One deployed contract: id, name, version, transaction count, creation and last transaction time.",
            [ContractIdPath], ExampleResponse: CatalogExamples.Contract, Failures: [ContractNotFound], Response: KalpResponses.Contract),
        new(KalpApiIds.ContractQuery, "Query smart contract", SmartContracts, ApiMethod.Post, "smart-contracts/{contractId}/query/{function}",
            "Evaluates a KRC-20 read function (Name, Symbol, Decimals, TotalSupply, BalanceOf, Allowance); never changes state.",
            [
                ContractIdPath,
                new("function", ParameterLocation.Path, ParameterType.String, true,
                    "Contract function, e.g. BalanceOf. BalanceOf takes args.account; Allowance takes args.owner and args.spender.", FunctionPattern),
            ],
            new ApiBody(
                "Optional. 'walletAddress': the caller's wallet (40 hex); 'args': the function's named arguments.",
                """{ "walletAddress": "3f1c9a7be4d2c08a61f5e9b7d3a2c4e6f8091b2d", "args": { "account": "9d2e41b07c3a58f6e1d4a2b9c7e05f3d8a6b1c42" } }""",
                Required: false),
            CatalogExamples.ContractQuery, Failures: [ContractNotFound, KalpFailures.FunctionNotFound, KalpFailures.ArgumentInvalid],
            Response: KalpResponses.ContractQuery),
        new(KalpApiIds.Token, "Token", Tokens, ApiMethod.Get, "tokens/{contractId}",
            "A KRC-20 token's name, symbol, decimals and total supply (base units and formatted).",
            [ContractIdPath], ExampleResponse: CatalogExamples.Token, Failures: [ContractNotFound], Response: KalpResponses.Token),
        new(KalpApiIds.Balance, "Balance", Tokens, ApiMethod.Get, "accounts/{address}/balance",
            "A wallet's token balance in base units and formatted; GINI unless another contract is named.",
            [
                AddressPath,
                Query("contractId", ParameterType.String, "The token contract; GINI by default.", ContractIdPattern, @default: GiniDefault),
            ],
            ExampleResponse: CatalogExamples.Balance, Failures: [ContractNotFound], Response: KalpResponses.Balance),
        new(KalpApiIds.AccountTransactions, "Account transactions", Transactions, ApiMethod.Get, "accounts/{address}/transactions",
            "Transactions submitted by or moving tokens of a wallet, newest first.",
            [AddressPath, Page, Size], ExampleResponse: CatalogExamples.TransactionList, Failures: [], Response: KalpResponses.Transactions),
        new(KalpApiIds.Events, "Events", Events, ApiMethod.Get, "events",
            "Chaincode events of valid transactions (Transfer, Approval, Mint), newest first.",
            [
                Query("contractId", ParameterType.String, "Only events of this contract.", ContractIdPattern),
                Query("name", ParameterType.String, "Only events with this name, e.g. Transfer.", EventNamePattern),
                Query("fromBlock", ParameterType.Integer, "Lowest block number, inclusive.", minimum: 0),
                Query("toBlock", ParameterType.Integer, "Highest block number, inclusive; not below 'fromBlock'.", minimum: 0),
                Page, Size,
            ],
            ExampleResponse: CatalogExamples.Events, Failures: [ContractNotFound, Validation], Response: KalpResponses.Events),
        new(KalpApiIds.AnalyticsChaincode, "Chaincode analytics", Analytics, ApiMethod.Get, "analytics/chaincode",
            "Per-contract transaction counts (all, successful, failed) in a time range.",
            [
                Query("smartContractName", ParameterType.String, "Only the contract with this name or id (case-insensitive).", NamePattern),
                Query("from", ParameterType.DateTime, "Earliest transaction time, inclusive (ISO-8601)."),
                Query("to", ParameterType.DateTime, "Latest transaction time, inclusive (ISO-8601); not before 'from'."),
            ],
            ExampleResponse: CatalogExamples.Analytics, Failures: [ContractNotFound, Validation], Response: KalpResponses.Analytics),
    ];
}
