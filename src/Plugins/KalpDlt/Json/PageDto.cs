namespace KsQuery.Plugins.KalpDlt.Json;

/// <summary>A page of a list, as docs/api.md defines it.</summary>
internal sealed record PageDto<T>(IReadOnlyList<T> Items, int Page, int Size, long Total);
