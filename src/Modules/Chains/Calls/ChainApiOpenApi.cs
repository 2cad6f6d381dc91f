using System.Text.Json.Nodes;
using KsQuery.Modules.Chains.Registry;
using KsQuery.Plugins.Abstractions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;
using ParameterLocation = KsQuery.Plugins.Abstractions.ParameterLocation;

namespace KsQuery.Modules.Chains.Calls;

/// <summary>Describes a chain API in the OpenAPI document from its catalog entry: parameters with their
/// patterns and ranges, the body, an example answer, the error codes, and the API-key requirement.</summary>
internal static class ChainApiOpenApi
{
    private const string KeyErrors =
        "401 `key_missing` / `key_invalid` / `key_revoked` / `key_expired`; 403 `key_scope_mismatch`; " +
        "400 `validation_failed`; 429 `rate_limited` / `quota_exceeded`; 502/503 `upstream_unavailable`.";

    public static void DescribeChainApi(this IEndpointConventionBuilder endpoint, ChainEntry chain, NetworkEntry network, ApiDescriptor api)
    {
        var errors = api.Errors is { Count: > 0 } ? $" Also: {string.Join(", ", api.Errors.Select(e => $"`{e}`"))}." : "";
        endpoint
            .WithName($"{chain.Id}-{network.Id}-{api.Id}")
            .WithTags($"{chain.Name} {network.Name}: {api.Category}")
            .WithSummary(api.Summary)
            .WithDescription($"{api.Name}. Catalog id `{api.Id}`. Errors: {KeyErrors}{errors}")
            .AddOpenApiOperationTransformer((operation, context, _) =>
            {
                operation.Parameters ??= [];
                foreach (var parameter in api.Parameters)
                    operation.Parameters.Add(ToOpenApi(parameter));

                if (api.Body is not null)
                {
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Description = api.Body.Description,
                        Required = api.Body.Required,
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/json"] = new() { Example = ParseExample(api.Body.Example) },
                        },
                    };
                }

                operation.Responses ??= [];
                operation.Responses["200"] = new OpenApiResponse
                {
                    Description = "Success",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new() { Example = ParseExample(api.ExampleResponse) },
                    },
                };
                foreach (var (status, description) in ErrorResponses)
                    operation.Responses[status] = new OpenApiResponse
                    {
                        Description = description,
                        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() },
                    };

                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", context.Document)] = [] },
                ];
                return Task.CompletedTask;
            });
    }

    private static readonly (string Status, string Description)[] ErrorResponses =
    [
        ("400", "validation_failed: a parameter breaks its pattern or range"),
        ("401", "key_missing, key_invalid, key_revoked or key_expired"),
        ("403", "key_scope_mismatch: the key belongs to another chain or network"),
        ("404", "the thing asked for does not exist"),
        ("429", "rate_limited or quota_exceeded"),
    ];

    private static OpenApiParameter ToOpenApi(ApiParameter parameter) => new()
    {
        Name = parameter.Name,
        In = parameter.In == ParameterLocation.Path ? Microsoft.OpenApi.ParameterLocation.Path : Microsoft.OpenApi.ParameterLocation.Query,
        Required = parameter.In == ParameterLocation.Path || parameter.Required,
        Description = parameter.Description,
        Schema = new OpenApiSchema
        {
            Type = parameter.Type switch
            {
                ParameterType.Integer => JsonSchemaType.Integer,
                ParameterType.Boolean => JsonSchemaType.Boolean,
                _ => JsonSchemaType.String,
            },
            Format = parameter.Type switch
            {
                ParameterType.Integer => "int64",
                ParameterType.DateTime => "date-time",
                _ => null,
            },
            Pattern = parameter.Pattern,
            Minimum = parameter.Minimum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Maximum = parameter.Maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Default = parameter.Default is null ? null : JsonValue.Create(parameter.Default),
        },
    };

    private static JsonNode? ParseExample(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return null;
        try { return JsonNode.Parse(json); }
        catch (System.Text.Json.JsonException) { return JsonValue.Create(json); }
    }
}
