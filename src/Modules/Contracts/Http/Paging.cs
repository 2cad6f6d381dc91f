namespace KsQuery.Contracts.Http;

/// <summary>A page of a list that can grow: <c>{ items, page, size, total }</c>.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int Size, long Total);

public static class Paging
{
    public const int DefaultSize = 20;
    public const int MaxSize = 100;

    /// <summary>Reads and validates the <c>page</c> (1..) and <c>size</c> (1..100) query values, adding errors to
    /// <paramref name="validation"/>. They are read as text so that "abc" is a validation error rather than a binding
    /// failure.</summary>
    public static (int Page, int Size) Read(string? page, string? size, Validation validation)
    {
        var p = ReadInt(page, "page", validation) ?? 1;
        var s = ReadInt(size, "size", validation) ?? DefaultSize;
        validation.Require(p >= 1, "page", "page must be 1 or more.");
        validation.Require(s is >= 1 and <= MaxSize, "size", $"size must be between 1 and {MaxSize}.");
        return (p, s);
    }

    private static int? ReadInt(string? text, string field, Validation validation)
    {
        if (text is null)
            return null;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
            return value;
        validation.Add(field, $"{field} must be a whole number.");
        return null;
    }
}
