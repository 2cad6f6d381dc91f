namespace KsQuery.Plugins.KalpDlt.Catalog;

internal static class KalpApiIds
{
    public const string NetworkInfo = "network-info";
    public const string Channels = "channels";
    public const string Blocks = "blocks";
    public const string BlockLatest = "block-latest";
    public const string Block = "block";
    public const string BlockByHash = "block-by-hash";
    public const string BlockTransactions = "block-transactions";
    public const string Transactions = "transactions";
    public const string Transaction = "transaction";
    public const string Contracts = "contracts";
    public const string Contract = "contract";
    public const string ContractQuery = "contract-query";
    public const string Token = "token";
    public const string Balance = "balance";
    public const string AccountTransactions = "account-transactions";
    public const string Events = "events";
    public const string AnalyticsChaincode = "analytics-chaincode";
}
