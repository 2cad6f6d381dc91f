using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace Evm.Anvil.Tests.Support;

/// <summary>The test's own decoding of the node's hex quantities and ABI words, independent of the plugin's.</summary>
public static class Hex
{
    public static BigInteger ToBigInteger(string hex)
    {
        hex.ShouldStartWith("0x");
        var digits = hex[2..];
        return digits.Length == 0 ? BigInteger.Zero : BigInteger.Parse("0" + digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    public static BigInteger ToBigInteger(JsonElement hex) => ToBigInteger(hex.GetString()!);

    public static long ToLong(JsonElement hex) => (long)ToBigInteger(hex);

    public static long ToLong(string hex) => (long)ToBigInteger(hex);

    public static string Decimal(JsonElement hex) => ToBigInteger(hex).ToString(CultureInfo.InvariantCulture);

    public static string Quantity(long value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>One 32-byte ABI word of an address or a number, without 0x.</summary>
    public static string Word(string address) => address[2..].ToLowerInvariant().PadLeft(64, '0');

    public static string Word(BigInteger value) => value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0').PadLeft(64, '0');

    /// <summary>An ABI-encoded <c>string</c> return value: offset word, length word, bytes.</summary>
    public static string DecodeString(string hex)
    {
        var data = Convert.FromHexString(hex[2..]);
        var offset = (int)new BigInteger(data.AsSpan(0, 32), isUnsigned: true, isBigEndian: true);
        var length = (int)new BigInteger(data.AsSpan(offset, 32), isUnsigned: true, isBigEndian: true);
        return Encoding.UTF8.GetString(data, offset + 32, length);
    }
}
