using System.Text.RegularExpressions;
using KsQuery.Plugins.KalpDlt.Catalog;

namespace KsQuery.Plugins.KalpDlt.Apis;

internal static partial class Patterns
{
    [GeneratedRegex(KalpParameters.ContractIdPattern, RegexOptions.CultureInvariant)]
    public static partial Regex ContractId();

    public static bool IsHex(string text, int length)
    {
        if (text.Length != length)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }
        return true;
    }
}
