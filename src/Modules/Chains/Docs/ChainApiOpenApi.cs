using System.Globalization;
using System.Text.Json.Nodes;
using KsQuery.Modules.Chains.Registry;
using KsQuery.Plugins.Abstractions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;
using ParameterLocation = KsQuery.Plugins.Abstractions.ParameterLocation;

namespace KsQuery.Modules.Chains.Docs;

/// <summary>Describes a chain API in the OpenAPI document from its catalog entry: parameters with their patterns,
/// ranges and examples, the body, and the 200 answer (its named schema and an example). Examples come from the running
/// plugin (<see cref="ChainExamples"/>) when it gives them, so "Test Request" with them answers 200. The host declares
/// the API-key requirement and the error answers (with the plugin's <see cref="ApiDescriptor.Failures"/>).</summary>
internal static class ChainApiOpenApi
{
    public static void DescribeChainApi(this IEndpointConventionBuilder endpoint, ChainEntry chain, NetworkEntry network, ApiDescriptor api,
        Lazy<ResponseSchemas> schemas, PluginRuntime runtime)
    {
        endpoint
            .WithName($"{chain.Id}-{network.Id}-{api.Id}")
            .WithTags($"{chain.Name} {network.Name}: {api.Category}")
            .WithSummary(api.Summary)
            .WithDescription($"{api.Name}. Catalog id `{api.Id}`. The error answers below list the `code` values each status can carry.")
            .AddOpenApiOperationTransformer((operation, context, _) =>
            {
                var example = ChainExamples.Of(chain, network.Id, runtime).GetValueOrDefault(api.Id);
                operation.Parameters ??= [];
                foreach (var parameter in api.Parameters)
                    operation.Parameters.Add(ToOpenApi(parameter, example?.Parameters.GetValueOrDefault(parameter.Name)));

                if (api.Body is not null)
                {
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Description = api.Body.Description,
                        Required = api.Body.Required,
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/json"] = new() { Example = ParseExample(example?.Body ?? api.Body.Example) },
                        },
                    };
                }

                operation.Responses ??= [];
                var success = operation.Responses.TryGetValue("200", out var declared) && declared is OpenApiResponse ok ? ok : new OpenApiResponse();
                success.Description = "Success";
                var media = new OpenApiMediaType { Example = ParseExample(example?.Response ?? api.ExampleResponse) };
                if (schemas.Value.ComponentOf(api) is { } component)
                {
                    schemas.Value.AddTo(context.Document);
                    media.Schema = new OpenApiSchemaReference(component, context.Document);
                }
                success.Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = media };
                operation.Responses["200"] = success;
                return Task.CompletedTask;
            });
    }

    private static OpenApiParameter ToOpenApi(ApiParameter parameter, string? example) => new()
    {
        Name = parameter.Name,
        In = parameter.In == ParameterLocation.Path ? Microsoft.OpenApi.ParameterLocation.Path : Microsoft.OpenApi.ParameterLocation.Query,
        Required = parameter.In == ParameterLocation.Path || parameter.Required,
        Description = parameter.Description,
        Example = Value(parameter.Type, example),
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
            Minimum = parameter.Minimum?.ToString(CultureInfo.InvariantCulture),
            Maximum = parameter.Maximum?.ToString(CultureInfo.InvariantCulture),
            Default = Value(parameter.Type, parameter.Default),
        },
    };

    /// <summary>A parameter's value typed as its schema says: an integer default is the number 20, not the text "20".</summary>
    private static JsonNode? Value(ParameterType type, string? text) => text switch
    {
        null => null,
        _ when type == ParameterType.Integer && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        _ when type == ParameterType.Boolean && bool.TryParse(text, out var flag) => JsonValue.Create(flag),
        _ => JsonValue.Create(text),
    };

    private static JsonNode? ParseExample(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return null;
        try { return JsonNode.Parse(json); }
        catch (System.Text.Json.JsonException) { return JsonValue.Create(json); }
    }
}
