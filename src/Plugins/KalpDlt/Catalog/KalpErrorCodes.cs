namespace KsQuery.Plugins.KalpDlt.Catalog;

internal static class KalpErrorCodes
{
    public const string BlockNotFound = "block_not_found";
    public const string TransactionNotFound = "transaction_not_found";
    public const string ContractNotFound = "contract_not_found";
    public const string FunctionNotFound = "function_not_found";
    public const string ValidationFailed = "validation_failed";
    public const string UpstreamUnavailable = "upstream_unavailable";
    public const string NotSupportedBySource = "not_supported_by_source";
}
