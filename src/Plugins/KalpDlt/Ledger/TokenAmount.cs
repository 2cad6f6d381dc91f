using System.Globalization;

namespace KsQuery.Plugins.KalpDlt.Ledger;

/// <summary>Amounts in base units: UInt128 holds 2e27 with room to spare.</summary>
internal static class TokenAmount
{
    public static UInt128 Pow10(int exponent)
    {
        UInt128 value = 1;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10;
        }
        return value;
    }

    public static string ToText(UInt128 value) => value.ToString(CultureInfo.InvariantCulture);

    public static UInt128 Parse(string text) => UInt128.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>The amount in whole tokens with trailing fractional zeros trimmed, e.g. <c>1234.5</c>.</summary>
    public static string Format(UInt128 value, int decimals)
    {
        if (decimals == 0)
        {
            return ToText(value);
        }
        var scale = Pow10(decimals);
        var whole = ToText(value / scale);
        var fraction = ToText(value % scale).PadLeft(decimals, '0').TrimEnd('0');
        return fraction.Length == 0 ? whole : $"{whole}.{fraction}";
    }
}
