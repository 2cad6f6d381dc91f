namespace KsQuery.Modules.Keys.KeyFormat;

/// <summary>Fixed-width base62 for 64-bit chunks, so every chunk of a key has one exact spelling.</summary>
internal static class Base62
{
    public const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>Characters needed for any 64-bit value (62^11 &gt; 2^64).</summary>
    public const int UInt64Width = 11;

    /// <summary>Characters needed for any 32-bit value (62^6 &gt; 2^32).</summary>
    public const int UInt32Width = 6;

    public static void Encode(ulong value, Span<char> destination)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = Alphabet[(int)(value % 62)];
            value /= 62;
        }
        if (value != 0)
            throw new ArgumentOutOfRangeException(nameof(value), "The value does not fit the destination width.");
    }

    /// <summary>Decodes exactly <paramref name="text"/>; false for a character outside the alphabet or a value above <paramref name="max"/>.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, ulong max, out ulong value)
    {
        value = 0;
        foreach (var c in text)
        {
            var digit = DigitOf(c);
            if (digit < 0)
                return false;
            // value * 62 + digit, refused once it passes 64 bits or max (every key check decodes 17 characters).
            var high = Math.BigMul(value, 62UL, out var low);
            var next = low + (uint)digit;
            if (high != 0 || next < low || next > max)
            {
                value = 0;
                return false;
            }
            value = next;
        }
        return true;
    }

    public static int DigitOf(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'Z' => c - 'A' + 10,
        >= 'a' and <= 'z' => c - 'a' + 36,
        _ => -1,
    };
}
