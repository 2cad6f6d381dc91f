namespace Host.Tests.Security.BadInput;

public enum FieldKind { String, Integer, Boolean, Timestamp }

/// <summary>A value that is wrong for a field, query value or path segment, and the answer it gets. <see cref="Raw"/> is
/// JSON for body fields and plain (not yet percent-encoded) text for query values and path segments.</summary>
public sealed record BadValue(string Label, string Raw, int Status, string Code);

/// <summary>A field of a JSON body: its kind (wrong kinds are generated from it), whether leaving it out is an error, a
/// valid value (the other fields keep theirs while one is made wrong) and the wrong values particular to it.</summary>
public sealed record FieldSpec(string Name, FieldKind Kind, bool Required, string ValidJson, IReadOnlyList<BadValue> BadValues);

/// <summary>A query value and its wrong values.</summary>
public sealed record QuerySpec(string Name, IReadOnlyList<BadValue> BadValues);

/// <summary>A path segment: <see cref="Template"/> holds <c>{value}</c> where the wrong values go (and valid values for
/// every other segment); <see cref="Body"/> is sent with each, valid, so only the segment is wrong.</summary>
public sealed record SegmentSpec(string Template, IReadOnlyList<BadValue> BadValues, string? Body = null);

/// <summary>Everything the generator needs to make bad requests for one route (docs/api.md): who calls it, a valid path, the
/// JSON fields of its body, its query values and path segments, and the methods it does not answer.</summary>
public sealed record RouteSpec(string Method, string Pattern, Credential As)
{
    /// <summary>The route as <see cref="RouteInventory"/> names the host's endpoints.</summary>
    public string Route => $"{Method} {Pattern}";

    /// <summary>A valid path (placeholders allowed) that body and query cases are sent to.</summary>
    public string? Path { get; init; }

    public IReadOnlyList<FieldSpec> Fields { get; init; } = [];

    /// <summary>The body may be left out or be JSON null (it then holds defaults only).</summary>
    public bool BodyOptional { get; init; }

    public IReadOnlyList<QuerySpec> Query { get; init; } = [];
    public IReadOnlyList<SegmentSpec> Segments { get; init; } = [];
    public IReadOnlyList<string> WrongMethods { get; init; } = [];

    /// <summary>A chain API: its body (if any) is read by the plugin, and its callers use API keys.</summary>
    public bool IsChainApi { get; init; }

    public string ValidPath => Path ?? Pattern;
}
