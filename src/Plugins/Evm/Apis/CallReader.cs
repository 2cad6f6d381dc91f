using System.Globalization;
using System.Text.Json;
using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.Evm.Catalog;
using KsQuery.Plugins.Evm.Encoding;

namespace KsQuery.Plugins.Evm.Apis;

/// <summary>Reads and checks a call's parameters and body. The host has already matched the declared patterns; the
/// plugin checks again (it may be called directly) plus what a pattern cannot say: EIP-55 checksums, hex, ranges.</summary>
internal sealed class CallReader(ApiCall call)
{
    public ApiCall Call { get; } = call;

    /// <summary>An address parameter in lower case, after its checksum is checked.</summary>
    public string Address(string name)
    {
        var value = Call.Get(name) ?? throw new InvalidParameterException(name, $"'{name}' is required.");
        return CheckAddress(name, value);
    }

    public string? OptionalAddress(string name) => Call.Get(name) is { } value ? CheckAddress(name, value) : null;

    public static string CheckAddress(string field, string? value) =>
        EvmAddress.Problem(value) is { } problem
            ? throw new InvalidParameterException(field, $"'{field}' {problem}")
            : value!.ToLowerInvariant();

    public string Hash(string name)
    {
        var value = Call.Get(name);
        return HexData.IsValid(value, 32) && value![1] == 'x'
            ? value.ToLowerInvariant()
            : throw new InvalidParameterException(name, $"'{name}' must be 0x followed by 64 hex characters.");
    }

    public string? OptionalHash(string name) => Call.Get(name) is null ? null : Hash(name);

    /// <summary>A block parameter: (the JSON-RPC block parameter, the echo: the tag or the decimal number).</summary>
    public (string Rpc, string Echo) Block(string name, string fallback = "latest") => ParseBlock(name, Call.Get(name) ?? fallback);

    public static (string Rpc, string Echo) ParseBlock(string field, string? value)
    {
        if (value is "latest" or "finalized" or "safe" or "earliest")
            return (value, value);
        if (value is { Length: > 0 and <= 18 } && value.All(char.IsAsciiDigit) && (value == "0" || value[0] != '0')
            && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            return (HexQuantity.From(number), number.ToString(CultureInfo.InvariantCulture));
        throw new InvalidParameterException(field, $"'{field}' must be a decimal block number or one of latest, finalized, safe, earliest.");
    }

    public long? OptionalInt64(string name, long min, long max)
    {
        if (Call.Get(name) is not { } text)
            return null;
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new InvalidParameterException(name, string.Create(CultureInfo.InvariantCulture, $"'{name}' must be an integer from {min} to {max}."));
        return value;
    }

    public (int Page, int Size) Paging()
    {
        var page = OptionalInt64("page", 1, int.MaxValue) ?? 1;
        var size = OptionalInt64("size", 1, EvmParameters.MaxSize) ?? EvmParameters.DefaultSize;
        return ((int)page, (int)size);
    }

    /// <summary>The JSON object body of a POST.</summary>
    public JsonElement Body()
    {
        if (Call.Body is not { ValueKind: JsonValueKind.Object } body)
            throw new InvalidParameterException("body", "The request body must be a JSON object.");
        return body;
    }

    public static string? OptionalString(JsonElement body, string field)
    {
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new InvalidParameterException(field, $"'{field}' must be a string.");
    }
}
