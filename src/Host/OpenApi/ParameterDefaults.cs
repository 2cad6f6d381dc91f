using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace KsQuery.Host.OpenApi;

/// <summary>A parameter's default is a value of its own type: a plugin describes defaults as text (<c>"20"</c>), which
/// for an integer or boolean parameter would be a string default that clients and linters refuse. Converted here for
/// every operation once the document is complete (an endpoint's own transformer, which describes a chain API's
/// parameters, runs after the host's operation transformers), so any plugin's integer and boolean defaults come out as
/// JSON numbers and booleans.</summary>
internal static class ParameterDefaults
{
    public static void Normalize(OpenApiDocument document)
    {
        if (document.Paths is null)
            return;
        foreach (var path in document.Paths.Values)
            foreach (var operation in path.Operations?.Values.AsEnumerable() ?? [])
                Normalize(operation);
    }

    private static void Normalize(OpenApiOperation operation)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.Schema is not OpenApiSchema { Default: JsonValue value, Type: { } type } schema
                || value.GetValueKind() != JsonValueKind.String)
                continue;
            var text = value.GetValue<string>();
            if (type.HasFlag(JsonSchemaType.Integer) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                schema.Default = JsonValue.Create(number);
            else if (type.HasFlag(JsonSchemaType.Boolean) && bool.TryParse(text, out var flag))
                schema.Default = JsonValue.Create(flag);
        }
    }
}
