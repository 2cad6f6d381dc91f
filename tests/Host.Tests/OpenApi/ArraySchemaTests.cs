using System.Text.Json;

namespace Host.Tests.OpenApi;

/// <summary>Spectral's oas rule `array-items`: every array schema says what its items are, also where a plugin answers a
/// list of any JSON values (the EVM plugin's decoded <c>values</c>).</summary>
public sealed class ArraySchemaTests(OpenApiDocumentFixture fixture) : IClassFixture<OpenApiDocumentFixture>
{
    [Fact]
    public void Every_array_schema_declares_its_items()
    {
        var missing = new List<string>();
        Walk(fixture.Document, "#", missing);
        missing.ShouldBeEmpty();
    }

    private static void Walk(JsonElement node, string path, List<string> missing)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            var isArray = node.TryGetProperty("type", out var type)
                && (type.ValueKind == JsonValueKind.String ? type.GetString() == "array" : type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(t => t.GetString() == "array"));
            // "type" is a schema keyword only where its value is a JSON type name; a property named "type" holds a schema.
            if (isArray && !node.TryGetProperty("items", out _))
                missing.Add(path);
            foreach (var property in node.EnumerateObject())
                Walk(property.Value, $"{path}/{property.Name}", missing);
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in node.EnumerateArray())
                Walk(item, $"{path}/{i++}", missing);
        }
    }
}
