using System.Text.RegularExpressions;

namespace KsQuery.Plugins.Evm.Encoding;

/// <summary>A function signature such as <c>balanceOf(address)</c>: its name, parameter types and canonical form.</summary>
internal sealed partial record AbiFunction(string Name, IReadOnlyList<AbiType> Parameters)
{
    public string Canonical => $"{Name}({string.Join(',', Parameters.Select(p => p.Canonical))})";

    /// <summary>The 4-byte selector: the first bytes of Keccak-256 over the canonical signature, as 8 hex digits.</summary>
    public string Selector => Nethereum.Util.Sha3Keccack.Current.CalculateHash(Canonical)[..8];

    public static bool TryParse(string? text, out AbiFunction function, out string problem)
    {
        function = null!;
        var match = text is null ? null : Shape().Match(text.Trim());
        if (match is not { Success: true })
        {
            problem = $"'{AbiType.Shorten(text)}' is not a function signature such as balanceOf(address).";
            return false;
        }
        var list = match.Groups["params"].Value;
        var types = new List<AbiType>();
        if (list.Trim().Length > 0)
        {
            foreach (var part in list.Split(','))
            {
                if (!AbiType.TryParse(part, out var type, out problem))
                    return false;
                types.Add(type);
            }
        }
        function = new AbiFunction(match.Groups["name"].Value, types);
        problem = "";
        return true;
    }

    [GeneratedRegex(@"^(?<name>[A-Za-z_$][A-Za-z0-9_$]{0,99})\((?<params>[A-Za-z0-9\[\], ]{0,1000})\)$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
