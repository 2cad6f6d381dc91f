using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace KsQuery.Plugins.Evm.Encoding;

/// <summary>An elementary Solidity ABI type or an array of one (tuples are not supported): parsed, checked and written
/// canonically (<c>uint</c> is <c>uint256</c>) so the selector is the one the contract computes.</summary>
internal sealed partial record AbiType(string Canonical, string Base, int Bits, int Bytes, IReadOnlyList<int?> Dimensions)
{
    public bool IsArray => Dimensions.Count > 0;

    /// <summary>The type of one element of an array (the outermost dimension removed).</summary>
    public AbiType Element => new(Canonical[..Canonical.LastIndexOf('[')], Base, Bits, Bytes, Dimensions.Take(Dimensions.Count - 1).ToArray());

    /// <summary>The length of a fixed-size array (<c>T[3]</c>), or null for a dynamic one.</summary>
    public int? Length => Dimensions[^1];

    public static bool TryParse(string? text, out AbiType type, out string problem)
    {
        type = null!;
        problem = "";
        var match = text is null ? null : Shape().Match(text.Trim());
        if (match is not { Success: true })
        {
            problem = $"'{Shorten(text)}' is not a supported ABI type (uint<N>, int<N>, address, bool, string, bytes, bytes<N>, and arrays of them; no tuples).";
            return false;
        }
        var name = match.Groups["base"].Value;
        var size = match.Groups["size"].Value;
        int bits = 0, bytes = 0;
        string canonicalBase;
        switch (name)
        {
            case "uint" or "int":
                bits = size.Length == 0 ? 256 : int.Parse(size, CultureInfo.InvariantCulture);
                if (bits is < 8 or > 256 || bits % 8 != 0)
                {
                    problem = $"'{Shorten(text)}': integer widths are multiples of 8 from 8 to 256.";
                    return false;
                }
                canonicalBase = name + bits.ToString(CultureInfo.InvariantCulture);
                break;
            case "bytes" when size.Length > 0:
                bytes = int.Parse(size, CultureInfo.InvariantCulture);
                if (bytes is < 1 or > 32)
                {
                    problem = $"'{Shorten(text)}': fixed bytes are bytes1 to bytes32.";
                    return false;
                }
                canonicalBase = "bytes" + size;
                break;
            case "address" or "bool" or "string" or "bytes" when size.Length == 0:
                canonicalBase = name;
                break;
            default:
                problem = $"'{Shorten(text)}' is not a supported ABI type.";
                return false;
        }
        var dimensions = new List<int?>();
        foreach (Capture capture in match.Groups["dim"].Captures)
        {
            var inner = capture.Value[1..^1];
            if (inner.Length == 0)
            {
                dimensions.Add(null);
                continue;
            }
            if (!int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length is < 1 or > 1024)
            {
                problem = $"'{Shorten(text)}': a fixed array length is 1 to 1024.";
                return false;
            }
            dimensions.Add(length);
        }
        var canonical = canonicalBase + string.Concat(dimensions.Select(d => d is null ? "[]" : $"[{d.Value.ToString(CultureInfo.InvariantCulture)}]"));
        type = new AbiType(canonical, name, bits, bytes, dimensions);
        return true;
    }

    public BigInteger MinValue => Base == "int" ? -BigInteger.Pow(2, Bits - 1) : BigInteger.Zero;

    public BigInteger MaxValue => Base == "int" ? BigInteger.Pow(2, Bits - 1) - 1 : BigInteger.Pow(2, Bits) - 1;

    internal static string Shorten(string? text) => text is null ? "null" : text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex(@"^(?<base>uint|int|address|bool|string|bytes)(?<size>[0-9]{0,3})(?<dim>\[[0-9]{0,4}\]){0,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
