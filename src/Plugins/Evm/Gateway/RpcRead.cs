using System.Text.Json;
using KsQuery.Plugins.Evm.Encoding;

namespace KsQuery.Plugins.Evm.Gateway;

/// <summary>Reads fields of the upstream's JSON-RPC objects (blocks, transactions, receipts, logs); a missing or
/// malformed field is an <see cref="RpcFailure"/> (502 upstream_error), never an exception text.</summary>
internal static class RpcRead
{
    public static long Int64(JsonElement value, string what) =>
        value.ValueKind == JsonValueKind.String && HexQuantity.TryParseInt64(value.GetString(), out var number)
            ? number
            : throw Bad(what);

    public static long Int64(JsonElement obj, string field, string what) => Int64(Get(obj, field, what), $"{what}.{field}");

    public static long? Int64OrNull(JsonElement obj, string field, string what) =>
        Optional(obj, field) is { } value ? Int64(value, $"{what}.{field}") : null;

    public static string Decimal(JsonElement value, string what) =>
        value.ValueKind == JsonValueKind.String && HexQuantity.TryToDecimal(value.GetString(), out var text) ? text : throw Bad(what);

    public static string Decimal(JsonElement obj, string field, string what) => Decimal(Get(obj, field, what), $"{what}.{field}");

    public static string? DecimalOrNull(JsonElement obj, string field, string what) =>
        Optional(obj, field) is { } value ? Decimal(value, $"{what}.{field}") : null;

    public static string Data(JsonElement obj, string field, string what) => Data(Get(obj, field, what), $"{what}.{field}");

    public static string Data(JsonElement value, string what) =>
        value.ValueKind == JsonValueKind.String && HexData.IsValid(value.GetString()) ? value.GetString()!.ToLowerInvariant() : throw Bad(what);

    public static string? DataOrNull(JsonElement obj, string field, string what) =>
        Optional(obj, field) is { } value ? Data(value, $"{what}.{field}") : null;

    public static string Address(JsonElement obj, string field, string what) =>
        AddressOrNull(obj, field, what) ?? throw Bad($"{what}.{field}");

    public static string? AddressOrNull(JsonElement obj, string field, string what) =>
        Optional(obj, field) is { } value
            ? value.ValueKind == JsonValueKind.String && HexData.IsValid(value.GetString(), 20) ? EvmAddress.Checksum(value.GetString()!) : throw Bad($"{what}.{field}")
            : null;

    public static bool Boolean(JsonElement obj, string field) =>
        Optional(obj, field) is { ValueKind: JsonValueKind.True };

    public static JsonElement Get(JsonElement obj, string field, string what) =>
        Optional(obj, field) ?? throw Bad($"{what}.{field}");

    /// <summary>The field, or null when it is absent or JSON null.</summary>
    public static JsonElement? Optional(JsonElement obj, string field) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static RpcFailure Bad(string what) => new(RpcErrors.BadAnswer($"{what} is missing or malformed"));
}
