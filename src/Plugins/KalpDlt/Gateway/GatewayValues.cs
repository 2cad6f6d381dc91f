using System.Globalization;
using System.Text.Json;
using KsQuery.Plugins.KalpDlt.Ledger;

namespace KsQuery.Plugins.KalpDlt.Gateway;

/// <summary>Reads the typed value of a KRC-20 function from <c>result.result</c>; a value of the wrong type is a bad answer.</summary>
internal static class GatewayValues
{
    /// <summary>Beyond 38 decimals an amount no longer fits the UInt128 arithmetic used to format it.</summary>
    private const int MaxDecimals = 38;

    public static string Text(JsonElement value, string function) =>
        value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Bad(function, "text");

    /// <summary>An amount in base units, given as a decimal string or a JSON integer.</summary>
    public static UInt128 Amount(JsonElement value, string function)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        return text is not null && UInt128.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            ? amount
            : throw Bad(function, "a whole non-negative amount");
    }

    public static int Decimals(JsonElement value, string function)
    {
        var decimals = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt32(out var number) => number,
            JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) => number,
            _ => -1,
        };
        return decimals is >= 0 and <= MaxDecimals ? decimals : throw Bad(function, $"a number of decimals from 0 to {MaxDecimals}");
    }

    public static string AmountText(JsonElement value, string function) => TokenAmount.ToText(Amount(value, function));

    private static GatewayFailure Bad(string function, string expected) =>
        new(GatewayErrors.BadAnswer($"{function} did not return {expected}"));
}
