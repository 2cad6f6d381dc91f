namespace KsQuery.Modules.Keys.KeyFormat;

/// <summary>CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), table driven.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    /// <summary>CRC-32 of the ASCII text (callers pass only ASCII: key prefixes and base62).</summary>
    public static uint ComputeAscii(ReadOnlySpan<char> text)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var c in text)
            crc = Table[(crc ^ (byte)c) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var i = 0u; i < 256; i++)
        {
            var entry = i;
            for (var bit = 0; bit < 8; bit++)
                entry = (entry & 1) != 0 ? (entry >> 1) ^ 0xEDB88320u : entry >> 1;
            table[i] = entry;
        }
        return table;
    }
}
