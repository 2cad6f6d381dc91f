namespace KsQuery.Plugins.Evm.Catalog;

/// <summary>The catalog's API ids, the same for every network of both chains.</summary>
internal static class EvmApiIds
{
    public const string NetworkInfo = "network-info";
    public const string BlockNumber = "block-number";
    public const string Block = "block";
    public const string BlockByHash = "block-by-hash";
    public const string BlockTransactions = "block-transactions";
    public const string Transaction = "transaction";
    public const string TransactionReceipt = "transaction-receipt";
    public const string AccountBalance = "account-balance";
    public const string AccountNonce = "account-nonce";
    public const string AccountCode = "account-code";
    public const string TokenInfo = "token-info";
    public const string TokenBalance = "token-balance";
    public const string ContractCall = "contract-call";
    public const string ContractCallFunction = "contract-call-function";
    public const string Logs = "logs";
    public const string Rpc = "rpc";
}
