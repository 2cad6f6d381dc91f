using Microsoft.OpenApi;

namespace KsQuery.Host.OpenApi;

/// <summary>Describes <c>GET /health</c>, which <c>MapHealthChecks</c> leaves out of the document: public, 200 when
/// healthy, 503 with the same report when not (a report, not a problem: it lists every check).</summary>
internal static class HealthOperation
{
    public const string Path = "/health";

    public static void AddTo(OpenApiDocument document)
    {
        document.Paths ??= [];
        document.Tags ??= new HashSet<OpenApiTag>();
        if (!document.Tags.Any(t => t.Name == "Health"))
            document.Tags.Add(new OpenApiTag { Name = "Health" });
        document.Paths[Path] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = "health",
                    Summary = "Health of the store, the key ring and every chain plugin",
                    Description = "200 when the store reads and writes, the Data Protection key ring protects and unprotects, usage " +
                                  "writes succeed and every required plugin is healthy; else 503 with the same report naming what is wrong. " +
                                  "The report lists every check (`store`, `keyring`, `plugins` with a field per plugin, `usage`) and never " +
                                  "carries exception text.",
                    Tags = new HashSet<OpenApiTagReference> { new("Health", document) },
                    Security = [],
                    Responses = new OpenApiResponses
                    {
                        ["200"] = Report("Every required check is healthy"),
                        ["503"] = Report("The store, the key ring or a required plugin is unhealthy"),
                    },
                },
            },
        };
    }

    private static OpenApiResponse Report(string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/json"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "status", "checks" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["status"] = Status(),
                        ["checks"] = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Array,
                            Items = new OpenApiSchema
                            {
                                Type = JsonSchemaType.Object,
                                Description = "One check; a plugin's check adds its networks' states as more string fields.",
                                Required = new HashSet<string> { "name", "status" },
                                Properties = new Dictionary<string, IOpenApiSchema>
                                {
                                    ["name"] = new OpenApiSchema { Type = JsonSchemaType.String },
                                    ["status"] = Status(),
                                    ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                                },
                                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                            },
                        },
                    },
                },
            },
        },
    };

    private static OpenApiSchema Status() => new()
    {
        Type = JsonSchemaType.String,
        Enum = [System.Text.Json.Nodes.JsonValue.Create("healthy"), System.Text.Json.Nodes.JsonValue.Create("unhealthy")],
    };
}
