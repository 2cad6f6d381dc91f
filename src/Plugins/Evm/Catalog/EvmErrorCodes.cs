namespace KsQuery.Plugins.Evm.Catalog;

/// <summary>The problem codes the plugin answers (listed in docs/api.md).</summary>
internal static class EvmErrorCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string BlockNotFound = "block_not_found";
    public const string TransactionNotFound = "transaction_not_found";
    public const string ReceiptNotFound = "receipt_not_found";
    public const string ContractNotFound = "contract_not_found";
    public const string ExecutionReverted = "execution_reverted";
    public const string RpcMethodNotAllowed = "rpc_method_not_allowed";
    public const string UpstreamError = "upstream_error";
    public const string UpstreamUnavailable = "upstream_unavailable";
}
