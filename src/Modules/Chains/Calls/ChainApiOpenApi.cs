using System.Text.Json.Nodes;
using KsQuery.Modules.Chains.Registry;
using KsQuery.Plugins.Abstractions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;
using ParameterLocation = KsQuery.Plugins.Abstractions.ParameterLocation;

namespace KsQuery.Modules.Chains.Calls;

/// <summary>Describes a chain API in the OpenAPI document from its catalog entry: parameters with their
/// patterns and ranges, the body, an example answer and the error codes (the host declares the API-key requirement and
/// the refusals' responses).</summary>
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
            .AddOpenApiOperationTransformer((operation, _, _) =>
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

                // The host adds the key requirement, the refusals (typed as its Problem schema) and the RateLimit headers.
                operation.Responses ??= [];
                var success = operation.Responses.TryGetValue("200", out var declared) && declared is OpenApiResponse ok ? ok : new OpenApiResponse();
                success.Description = "Success";
                success.Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Example = ParseExample(api.ExampleResponse) },
                };
                operation.Responses["200"] = success;
                return Task.CompletedTask;
            });
    }

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
