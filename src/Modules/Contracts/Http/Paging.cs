namespace KsQuery.Contracts.Http;

/// <summary>A page of a list that can grow: <c>{ items, page, size, total }</c>.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int Size, long Total);

public static class Paging
{
    public const int DefaultSize = 20;
    public const int MaxSize = 100;

    /// <summary>Validates <c>page</c> (1..) and <c>size</c> (1..100), adding errors to <paramref name="validation"/>.</summary>
    public static (int Page, int Size) Read(int? page, int? size, Validation validation)
    {
        var p = page ?? 1;
        var s = size ?? DefaultSize;
        validation.Require(p >= 1, "page", "page must be 1 or more.");
        validation.Require(s is >= 1 and <= MaxSize, "size", $"size must be between 1 and {MaxSize}.");
        return (p, s);
    }
}
