using KsQuery.Plugins.Abstractions;

namespace KsQuery.Plugins.KalpDlt.Catalog;

/// <summary>The error answers of the catalog's APIs, by source: the local ledger's, and those of the Kalp gateway
/// (Gateway/GatewayErrors.cs) when it is configured.</summary>
internal static class KalpFailures
{
    public static readonly ApiFailure BlockNotFound = new(404, KalpErrorCodes.BlockNotFound, "No block has that number or hash.");
    public static readonly ApiFailure TransactionNotFound = new(404, KalpErrorCodes.TransactionNotFound, "No transaction has that id.");
    public static readonly ApiFailure ContractNotFound = new(404, KalpErrorCodes.ContractNotFound,
        "No contract has that id (with the Kalp gateway: the gateway knows no such contract or function).");
    public static readonly ApiFailure FunctionNotFound = new(404, KalpErrorCodes.FunctionNotFound,
        "The contract has no such read function (Name, Symbol, Decimals, TotalSupply, BalanceOf, Allowance).");
    public static readonly ApiFailure RangeInvalid = new(400, KalpErrorCodes.ValidationFailed,
        "The range is empty: 'from' is after 'to' (`errors` names the field).");
    public static readonly ApiFailure ArgumentInvalid = new(400, KalpErrorCodes.ValidationFailed,
        "A body field is missing or malformed (`errors` names it); with the Kalp gateway, also when the gateway rejects the arguments.");

    /// <summary>With the Kalp gateway source, every API but contract-query, token and balance.</summary>
    public static readonly ApiFailure NotSupportedBySource = new(501, KalpErrorCodes.NotSupportedBySource,
        "The network is configured to use the Kalp gateway, which serves only contract-query, token and balance.");

    /// <summary>token with the Kalp gateway source: it reads token info as a default wallet.</summary>
    public static readonly ApiFailure TokenNeedsWallet = new(501, KalpErrorCodes.NotSupportedBySource,
        "With the Kalp gateway source and no WalletAddress setting: the gateway needs a default wallet to read token info.");

    public static readonly ApiFailure GatewayFailed = new(502, KalpErrorCodes.UpstreamUnavailable,
        "With the Kalp gateway source: the gateway failed, timed out, refused this server or sent an unreadable answer.");
    public static readonly ApiFailure GatewayPaused = new(503, KalpErrorCodes.UpstreamUnavailable,
        "With the Kalp gateway source: calls are paused for a while after repeated gateway failures.");
    public static readonly ApiFailure GatewayRejected = new(400, KalpErrorCodes.ValidationFailed,
        "With the Kalp gateway source: the gateway rejected the arguments.");
}
