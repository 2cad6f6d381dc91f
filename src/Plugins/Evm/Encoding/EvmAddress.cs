using Nethereum.Util;

namespace KsQuery.Plugins.Evm.Encoding;

/// <summary>Addresses: checked on the way in (EIP-55 when mixed case), checksummed on the way out.</summary>
internal static class EvmAddress
{
    private static readonly AddressUtil Util = AddressUtil.Current;

    /// <summary>Null when <paramref name="text"/> is a valid address: <c>0x</c> and 40 hex digits, all lower case, all upper
    /// case, or mixed case with a correct EIP-55 checksum; otherwise why not.</summary>
    public static string? Problem(string? text)
    {
        if (text is null || !HexData.IsValid(text, 20) || text[1] != 'x')
            return "must be 0x followed by 40 hex characters.";
        var hex = text.AsSpan(2);
        var hasLower = hex.ContainsAny("abcdef");
        var hasUpper = hex.ContainsAny("ABCDEF");
        if (hasLower && hasUpper && !Util.IsChecksumAddress(text))
            return $"has mixed case but a wrong EIP-55 checksum (expected {Checksum(text)}).";
        return null;
    }

    /// <summary>The EIP-55 form of a valid address.</summary>
    public static string Checksum(string address) => Util.ConvertToChecksumAddress(address.ToLowerInvariant());

    /// <summary>The EIP-55 form of an address the upstream sent, or null for null.</summary>
    public static string? ChecksumOrNull(string? address) => address is null ? null : Checksum(address);
}
