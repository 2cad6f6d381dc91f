using System.Globalization;
using System.Text.Json.Nodes;
using KsQuery.Contracts.Http;
using Microsoft.OpenApi;

namespace KsQuery.Host.OpenApi;

/// <summary>The dashboard's query values are read as text (so that <c>page=abc</c> is the endpoint's own 400
/// <c>validation_failed</c>, not a binding failure), which the framework describes as plain strings. This declares what
/// they are: <c>page</c>/<c>size</c> integers with the ranges and defaults of <see cref="Paging"/>, <c>from</c>/<c>to</c>
/// ISO-8601 date-times within <see cref="Timestamps"/>' range, <c>keyId</c> as <see cref="KeyIdText"/> checks it, and
/// the closed sets an endpoint declares with <see cref="QueryEnum"/>.</summary>
internal static class QueryParameters
{
    public static void Describe(OpenApiOperation operation, IList<object> metadata)
    {
        if (operation.Parameters is null)
            return;
        var enums = metadata.OfType<QueryEnum>().ToDictionary(e => e.Name, StringComparer.Ordinal);
        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Query))
        {
            var schema = parameter.Name switch
            {
                "page" => Integer(1, Paging.MaxPage, 1),
                "size" => Integer(1, Paging.MaxSize, Paging.DefaultSize),
                "from" or "to" => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
                "keyId" => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[A-Za-z0-9]+$", MaxLength = KeyIdText.MaxLength },
                _ when enums.TryGetValue(parameter.Name!, out var values) => new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = values.Values.Select(v => (JsonNode)JsonValue.Create(v)).ToList(),
                    Default = JsonValue.Create(values.Default),
                },
                _ => null,
            };
            if (schema is not null)
                parameter.Schema = schema;
        }
    }

    private static OpenApiSchema Integer(int minimum, int maximum, int @default) => new()
    {
        Type = JsonSchemaType.Integer,
        Format = "int32",
        Minimum = minimum.ToString(CultureInfo.InvariantCulture),
        Maximum = maximum.ToString(CultureInfo.InvariantCulture),
        Default = JsonValue.Create(@default),
    };
}
