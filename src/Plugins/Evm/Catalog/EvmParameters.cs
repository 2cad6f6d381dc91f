using KsQuery.Plugins.Abstractions;

namespace KsQuery.Plugins.Evm.Catalog;

/// <summary>Parameter names, patterns and the descriptors shared by several APIs.</summary>
internal static class EvmParameters
{
    public const string HashPattern = "^0x[0-9a-fA-F]{64}$";
    public const string AddressPattern = "^0x[0-9a-fA-F]{40}$";
    /// <summary>A decimal block number (no leading zeros, at most 18 digits so it fits in 64 bits) or a tag.</summary>
    public const string BlockPattern = "^(latest|finalized|safe|earliest|0|[1-9][0-9]{0,17})$";
    public const string TopicPattern = HashPattern;

    public const int DefaultSize = 20;
    public const int MaxSize = 100;

    public static readonly ApiParameter Page =
        new("page", ParameterLocation.Query, ParameterType.Integer, false, "Page number, from 1.", Minimum: 1, Default: "1");

    public static readonly ApiParameter Size =
        new("size", ParameterLocation.Query, ParameterType.Integer, false, "Items per page, 1 to 100.", Minimum: 1, Maximum: MaxSize, Default: "20");

    public static readonly ApiParameter BlockPath =
        new("block", ParameterLocation.Path, ParameterType.String, true,
            "A decimal block number, or a tag: latest, finalized, safe or earliest.", BlockPattern);

    public static readonly ApiParameter BlockQuery =
        new("block", ParameterLocation.Query, ParameterType.String, false,
            "The block to read at: a decimal block number, or a tag (latest, finalized, safe, earliest).", BlockPattern, Default: "latest");

    public static readonly ApiParameter BlockHash =
        new("hash", ParameterLocation.Path, ParameterType.String, true, "Block hash: 0x and 64 hex characters.", HashPattern);

    public static readonly ApiParameter TransactionHash =
        new("hash", ParameterLocation.Path, ParameterType.String, true, "Transaction hash: 0x and 64 hex characters.", HashPattern);

    public static readonly ApiParameter AddressPath =
        new("address", ParameterLocation.Path, ParameterType.String, true,
            "Account address: 0x and 40 hex characters; mixed case must be a valid EIP-55 checksum.", AddressPattern);

    public static readonly ApiParameter ContractPath =
        new("contract", ParameterLocation.Path, ParameterType.String, true,
            "Token contract address: 0x and 40 hex characters; mixed case must be a valid EIP-55 checksum.", AddressPattern);

    public static ApiParameter Query(string name, ParameterType type, string description, string? pattern = null, long? minimum = null, long? maximum = null) =>
        new(name, ParameterLocation.Query, type, false, description, pattern, minimum, maximum);
}
