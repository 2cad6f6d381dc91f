using System.Globalization;
using System.Numerics;

namespace KsQuery.Plugins.Evm.Encoding;

/// <summary>JSON-RPC quantities (<c>0x</c>-prefixed hex without leading zeros) to and from numbers.</summary>
internal static class HexQuantity
{
    /// <summary>A non-negative number as a JSON-RPC quantity, e.g. 0 -> <c>0x0</c>, 255 -> <c>0xff</c>.</summary>
    public static string From(long value) =>
        value < 0 ? throw new ArgumentOutOfRangeException(nameof(value)) : "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>Parses a quantity; false for anything that is not <c>0x</c> followed by 1 to 64 hex digits.</summary>
    public static bool TryParse(string? text, out BigInteger value)
    {
        value = BigInteger.Zero;
        if (text is null || text.Length < 3 || text.Length > 66 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X'))
            return false;
        var digits = text.AsSpan(2);
        foreach (var c in digits)
            if (!char.IsAsciiHexDigit(c))
                return false;
        // A leading 0 keeps BigInteger from reading the top bit as a sign.
        value = BigInteger.Parse("0" + digits.ToString(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>A quantity that must fit in 64 bits (block numbers, gas, nonces, indexes).</summary>
    public static bool TryParseInt64(string? text, out long value)
    {
        value = 0;
        if (!TryParse(text, out var big) || big > long.MaxValue)
            return false;
        value = (long)big;
        return true;
    }

    /// <summary>A quantity as a decimal string (wei amounts, gas prices), e.g. <c>0xde0b6b3a7640000</c> -> <c>1000000000000000000</c>.</summary>
    public static bool TryToDecimal(string? text, out string value)
    {
        value = "";
        if (!TryParse(text, out var big))
            return false;
        value = big.ToString(CultureInfo.InvariantCulture);
        return true;
    }
}
