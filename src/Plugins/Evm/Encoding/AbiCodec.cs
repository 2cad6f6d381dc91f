using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.Model;

namespace KsQuery.Plugins.Evm.Encoding;

/// <summary>ABI encoding of a call from JSON arguments and decoding of its result into JSON values, with Nethereum's
/// encoders. Every argument is checked against its type first: a bad one is an <see cref="AbiException"/> naming it.</summary>
internal static class AbiCodec
{
    /// <summary>The call data (<c>0x</c>, selector, arguments) of <paramref name="function"/> with <paramref name="args"/>.</summary>
    public static string EncodeCall(AbiFunction function, IReadOnlyList<JsonElement> args)
    {
        if (args.Count != function.Parameters.Count)
            throw new AbiException("args", $"{function.Canonical} takes {function.Parameters.Count} argument(s); got {args.Count}.");
        var values = new object[args.Count];
        for (var i = 0; i < args.Count; i++)
            values[i] = ToValue(function.Parameters[i], args[i], $"args[{i}]");
        var parameters = function.Parameters.Select((p, i) => new Parameter(p.Canonical, i + 1)).ToArray();
        return new FunctionCallEncoder().EncodeRequest(function.Selector, parameters, values);
    }

    /// <summary>The values of <paramref name="data"/> decoded as <paramref name="types"/>, as JSON.</summary>
    public static IReadOnlyList<JsonElement> Decode(string data, IReadOnlyList<AbiType> types)
    {
        if (types.Count == 0)
            return [];
        var bytes = HexData.IsValid(data) ? (data.Length - 2) / 2 : -1;
        // Every value takes at least one 32-byte word and answers are padded to words: anything else cannot be them.
        if (bytes < 32 * types.Count || bytes % 32 != 0)
            throw new AbiException("returns", $"The result ({Math.Max(bytes, 0)} bytes) does not decode as ({string.Join(',', types.Select(t => t.Canonical))}).");
        List<ParameterOutput> outputs;
        try
        {
            var parameters = types.Select((t, i) => new Parameter(t.Canonical, i + 1)).ToArray();
            outputs = new FunctionCallDecoder().DecodeDefaultData(data, parameters);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new AbiException("returns", $"The result ({bytes} bytes) does not decode as ({string.Join(',', types.Select(t => t.Canonical))}).");
        }
        if (outputs.Count != types.Count)
            throw new AbiException("returns", $"The result does not decode as ({string.Join(',', types.Select(t => t.Canonical))}).");
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var output in outputs.OrderBy(o => o.Parameter.Order))
                Write(writer, types[output.Parameter.Order - 1], output.Result);
            writer.WriteEndArray();
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    private static object ToValue(AbiType type, JsonElement arg, string field)
    {
        if (type.IsArray)
        {
            if (arg.ValueKind != JsonValueKind.Array)
                throw new AbiException(field, $"'{field}' must be a JSON array for {type.Canonical}.");
            var items = arg.EnumerateArray().ToList();
            if (type.Length is { } length && items.Count != length)
                throw new AbiException(field, $"'{field}' must have {length} element(s) for {type.Canonical}; got {items.Count}.");
            var element = type.Element;
            return items.Select((item, i) => ToValue(element, item, $"{field}[{i}]")).ToList();
        }
        switch (type.Base)
        {
            case "uint" or "int":
                if (!TryInteger(arg, out var number))
                    throw new AbiException(field, $"'{field}' must be an integer (a JSON number, a decimal string or 0x hex) for {type.Canonical}.");
                if (number < type.MinValue || number > type.MaxValue)
                    throw new AbiException(field, $"'{field}' is out of range for {type.Canonical}.");
                return number;
            case "address":
                var address = arg.ValueKind == JsonValueKind.String ? arg.GetString() : null;
                if (EvmAddress.Problem(address) is { } problem)
                    throw new AbiException(field, $"'{field}' {problem}");
                return address!.ToLowerInvariant();
            case "bool":
                return arg.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw new AbiException(field, $"'{field}' must be true or false for bool."),
                };
            case "string":
                return arg.ValueKind == JsonValueKind.String ? arg.GetString()! : throw new AbiException(field, $"'{field}' must be a JSON string for string.");
            default: // bytes, bytesN
                var hex = arg.ValueKind == JsonValueKind.String ? arg.GetString() : null;
                if (!HexData.IsValid(hex, type.Bytes == 0 ? null : type.Bytes))
                    throw new AbiException(field, type.Bytes == 0
                        ? $"'{field}' must be 0x hex with an even number of digits for bytes."
                        : $"'{field}' must be 0x and exactly {type.Bytes * 2} hex digits for {type.Canonical}.");
                return HexData.ToBytes(hex!);
        }
    }

    private static bool TryInteger(JsonElement arg, out BigInteger value)
    {
        value = BigInteger.Zero;
        string text;
        if (arg.ValueKind == JsonValueKind.Number)
            text = arg.GetRawText();
        else if (arg.ValueKind == JsonValueKind.String)
            text = arg.GetString()!;
        else
            return false;
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return HexQuantity.TryParse(text, out value);
        if (text.Length is 0 or > 80)
            return false;
        var digits = text[0] == '-' ? text.AsSpan(1) : text.AsSpan();
        if (digits.Length == 0 || !digits.ContainsOnlyAsciiDigits())
            return false;
        return BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static bool ContainsOnlyAsciiDigits(this ReadOnlySpan<char> span)
    {
        foreach (var c in span)
            if (!char.IsAsciiDigit(c))
                return false;
        return true;
    }

    private static void Write(Utf8JsonWriter writer, AbiType type, object? value)
    {
        if (type.IsArray)
        {
            writer.WriteStartArray();
            if (value is IEnumerable items and not byte[] and not string)
                foreach (var item in items)
                    Write(writer, type.Element, item);
            writer.WriteEndArray();
            return;
        }
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case BigInteger big:
                writer.WriteStringValue(big.ToString(CultureInfo.InvariantCulture));
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case byte[] bytes:
                writer.WriteStringValue(HexData.From(bytes));
                break;
            case string text when type.Base == "address":
                writer.WriteStringValue(EvmAddress.Checksum(text.Length == 42 ? text : "0x" + text.TrimStart('0', 'x').PadLeft(40, '0')));
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case IFormattable number:
                writer.WriteStringValue(number.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }
}

/// <summary>An argument or result that does not fit its ABI type; <see cref="Field"/> names the body field.</summary>
internal sealed class AbiException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
