namespace KsQuery.Plugins.Evm.Encoding;

/// <summary>Unformatted data: <c>0x</c> followed by an even number of hex digits.</summary>
internal static class HexData
{
    public static bool IsValid(string? text, int? bytes = null)
    {
        if (text is null || text.Length < 2 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X') || text.Length % 2 != 0)
            return false;
        if (bytes is { } length && text.Length != 2 + (length * 2))
            return false;
        foreach (var c in text.AsSpan(2))
            if (!char.IsAsciiHexDigit(c))
                return false;
        return true;
    }

    public static byte[] ToBytes(string text) => Convert.FromHexString(text.AsSpan(2));

    public static string From(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);
}
