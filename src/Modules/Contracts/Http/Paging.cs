namespace KsQuery.Contracts.Http;

/// <summary>A page of a list that can grow: <c>{ items, page, size, total }</c>.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int Size, long Total);

public static class Paging
{
    public const int DefaultSize = 20;
    public const int MaxSize = 100;

    /// <summary>Bounds the skip (at most 99 999 900 items) so it fits every store's paging arithmetic.</summary>
    public const int MaxPage = 1_000_000;

    /// <summary>Reads and validates the <c>page</c> (1..1000000) and <c>size</c> (1..100) query values, adding errors to
    /// <paramref name="validation"/>. They are read as text so that "abc" is a validation error rather than a binding
    /// failure.</summary>
    public static (int Page, int Size) Read(string? page, string? size, Validation validation) =>
        (ReadInt(page, "page", 1, MaxPage, validation) ?? 1, ReadInt(size, "size", 1, MaxSize, validation) ?? DefaultSize);

    /// <summary>How many items come before the page.</summary>
    public static int Skip(int page, int size) => (page - 1) * size;

    private static int? ReadInt(string? text, string field, int min, int max, Validation validation)
    {
        if (text is null)
            return null;
        // Digits only (no sign, blanks or separators); anything that does not fit an int is out of range as well.
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) &&
            value >= min && value <= max)
            return value;
        validation.Add(field, $"{field} must be a whole number from {min} to {max}.");
        return null;
    }
}
