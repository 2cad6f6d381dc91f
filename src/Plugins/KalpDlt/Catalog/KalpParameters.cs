using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.KalpDlt.Ledger;

namespace KsQuery.Plugins.KalpDlt.Catalog;

/// <summary>Parameter names, patterns and the descriptors shared by several APIs.</summary>
internal static class KalpParameters
{
    public const string Hex64Pattern = "^[0-9a-fA-F]{64}$";
    public const string AddressPattern = "^[0-9a-fA-F]{40}$";
    public const string ContractIdPattern = "^(klp-[a-f0-9]+-cc|[A-Za-z0-9]{32}[0-9]{13})$";
    public const string FunctionPattern = "^[A-Z][A-Za-z0-9]*$";
    public const string NamePattern = "^[A-Za-z0-9 ._-]{1,64}$";
    public const string EventNamePattern = "^[A-Za-z][A-Za-z0-9_]{0,63}$";
    public const string StatusPattern = "^(SUCCESS|FAILED)$";

    public const int DefaultPage = 1;
    public const int DefaultSize = 20;
    public const int MaxSize = 100;

    public static readonly ApiParameter Page =
        new("page", ParameterLocation.Query, ParameterType.Integer, false, "Page number, from 1.", Minimum: 1, Default: "1");

    public static readonly ApiParameter Size =
        new("size", ParameterLocation.Query, ParameterType.Integer, false, "Items per page, 1 to 100.", Minimum: 1, Maximum: MaxSize, Default: "20");

    public static readonly ApiParameter BlockNumber =
        new("number", ParameterLocation.Path, ParameterType.Integer, true, "Block number; the genesis block is 0.", Minimum: 0);

    public static readonly ApiParameter BlockHash =
        new("hash", ParameterLocation.Path, ParameterType.String, true, "Block hash: 64 hex characters (SHA-256 over the block header).", Hex64Pattern);

    public static readonly ApiParameter TxId =
        new("txId", ParameterLocation.Path, ParameterType.String, true, "Transaction id: 64 hex characters.", Hex64Pattern);

    public static readonly ApiParameter ContractIdPath =
        new("contractId", ParameterLocation.Path, ParameterType.String, true,
            "Contract (chaincode) id: klp-<hex>-cc, or the gateway's 32 alphanumerics followed by a 13-digit timestamp.", ContractIdPattern);

    public static readonly ApiParameter AddressPath =
        new("address", ParameterLocation.Path, ParameterType.String, true, "Wallet address: 40 hex characters, no 0x prefix.", AddressPattern);

    public static ApiParameter Query(string name, ParameterType type, string description, string? pattern = null, long? minimum = null, string? @default = null) =>
        new(name, ParameterLocation.Query, type, false, description, pattern, minimum, null, @default);

    public const string GiniDefault = KalpNetwork.GiniContractId;
}
