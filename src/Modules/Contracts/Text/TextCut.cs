namespace KsQuery.Contracts.Text;

/// <summary>Shortens text to a length limit (in UTF-16 code units) without splitting a surrogate pair: half of a pair is
/// not text, cannot be encoded as UTF-8 (a store or a JSON writer refuses it) and must never be produced by a cut.</summary>
public static class TextCut
{
    /// <summary><paramref name="value"/> itself when it fits, else its longest prefix of at most <paramref name="maxLength"/>
    /// code units that ends on a character boundary.</summary>
    public static string AtMost(string value, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        if (value.Length <= maxLength)
            return value;
        var end = maxLength;
        if (end > 0 && char.IsHighSurrogate(value[end - 1]))
            end--;
        return value[..end];
    }
}
