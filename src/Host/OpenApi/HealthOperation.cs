using Microsoft.OpenApi;

namespace KsQuery.Host.OpenApi;

/// <summary>Describes <c>GET /health</c>, <c>/health/live</c> and <c>/health/ready</c>, which <c>MapHealthChecks</c> leaves
/// out of the document: public, 200 when healthy, 503 with the same report when not (a report, not a problem: it lists
/// every check).</summary>
internal static class HealthOperation
{
    public const string Path = "/health";

    public static void AddTo(OpenApiDocument document)
    {
        document.Paths ??= [];
        document.Tags ??= new HashSet<OpenApiTag>();
        if (!document.Tags.Any(t => t.Name == "Health"))
            document.Tags.Add(new OpenApiTag { Name = "Health" });
        Add(document, Path, "health", "Health of the store, the key ring and every chain plugin",
            "200 when the store reads and writes, the Data Protection key ring protects and unprotects, usage " +
            "writes succeed and every required plugin is healthy; else 503 with the same report naming what is wrong. " +
            "The report lists every check (`store`, `keyring`, `plugins` with a field per plugin, `usage`) and never " +
            "carries exception text.",
            "The store, the key ring or a required plugin is unhealthy");
        Add(document, Path + "/live", "healthLive", "The process serves",
            "200 with `{\"status\": \"healthy\", \"checks\": []}` whenever the process answers at all; no check is run. For a " +
            "supervisor's liveness probe: restart the process only when this stops answering.",
            null);
        Add(document, Path + "/ready", "healthReady", "Ready for calls",
            "200 when the store reads and writes, the key ring protects and unprotects, every required plugin is healthy and the " +
            "service is not stopping; else 503 with the same report (checks `store`, `keyring`, `plugins`, `serving`). For a " +
            "load balancer's readiness probe: from a stop request on, `serving` is `unhealthy` (`stopping`) while in-flight " +
            "calls finish.",
            "The store, the key ring or a required plugin is unhealthy, or the service is stopping");
    }

    private static void Add(OpenApiDocument document, string path, string operationId, string summary, string description, string? unhealthy)
    {
        var responses = new OpenApiResponses { ["200"] = Report(unhealthy is null ? "The process serves" : "Every check is healthy") };
        if (unhealthy is not null)
            responses["503"] = Report(unhealthy);
        document.Paths[path] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = operationId,
                    Summary = summary,
                    Description = description,
                    Tags = new HashSet<OpenApiTagReference> { new("Health", document) },
                    Security = [],
                    Responses = responses,
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
