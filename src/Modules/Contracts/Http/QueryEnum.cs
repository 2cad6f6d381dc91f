using Microsoft.AspNetCore.Builder;

namespace KsQuery.Contracts.Http;

/// <summary>Endpoint metadata: the query value <paramref name="Name"/> takes one of <paramref name="Values"/>, and
/// <paramref name="Default"/> when left out. The endpoint still reads it as text, so anything else is its own 400
/// <c>validation_failed</c>; the OpenAPI document declares the enum.</summary>
public sealed record QueryEnum(string Name, string Default, IReadOnlyList<string> Values);

public static class QueryEnumExtensions
{
    public static TBuilder WithQueryEnum<TBuilder>(this TBuilder builder, string name, string @default, IReadOnlyList<string> values)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new QueryEnum(name, @default, values));
}
