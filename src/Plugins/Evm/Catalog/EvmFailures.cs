using KsQuery.Plugins.Abstractions;

namespace KsQuery.Plugins.Evm.Catalog;

/// <summary>The error answers of the catalog's APIs, declared so the OpenAPI document lists them.</summary>
internal static class EvmFailures
{
    public static readonly ApiFailure Invalid = new(400, EvmErrorCodes.ValidationFailed,
        "A parameter or body field is malformed (`errors` names it): a mixed-case address whose EIP-55 checksum is wrong, bad hex, a range too wide.");
    public static readonly ApiFailure BlockNotFound = new(404, EvmErrorCodes.BlockNotFound, "The node knows no block with that number, tag or hash.");
    public static readonly ApiFailure TransactionNotFound = new(404, EvmErrorCodes.TransactionNotFound, "The node knows no transaction with that hash.");
    public static readonly ApiFailure ReceiptNotFound = new(404, EvmErrorCodes.ReceiptNotFound, "The transaction is pending or unknown: the node has no receipt for it.");
    public static readonly ApiFailure ContractNotFound = new(404, EvmErrorCodes.ContractNotFound, "No code at that address (at the block asked): it is not a contract.");
    public static readonly ApiFailure Reverted = new(400, EvmErrorCodes.ExecutionReverted,
        "The call reverted, or returned nothing a token function should return; `detail` carries the revert reason when it can be decoded.");
    public static readonly ApiFailure MethodNotAllowed = new(400, EvmErrorCodes.RpcMethodNotAllowed,
        "The JSON-RPC method is not in the allowlist of read methods (eth_getLogs is not: use the logs API, which bounds the range).");
    public static readonly ApiFailure UpstreamError = new(502, EvmErrorCodes.UpstreamError,
        "The upstream node answered a JSON-RPC error (`detail` carries its message) or an answer that could not be read.");
    public static readonly ApiFailure UpstreamUnavailable = new(503, EvmErrorCodes.UpstreamUnavailable,
        "The upstream node timed out, refused the connection or failed; while the circuit is open after repeated failures, with `Retry-After`. " +
        "A network whose upstream is not configured (Plugins:<chain>:Networks:<network>:RpcUrl) or answered the wrong chain id at start is listed " +
        "as coming-soon in /v1/chains and cannot be called until it is configured and the service restarted.");

    public static readonly ApiFailure[] Upstream = [UpstreamError, UpstreamUnavailable];
}
