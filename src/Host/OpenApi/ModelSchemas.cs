using System.Text.Json.Nodes;
using KsQuery.Modules.Chains.Catalog;
using KsQuery.Modules.Keys.ApiKeys;
using KsQuery.Modules.Keys.ApiKeys.Create;
using KsQuery.Modules.Keys.ApiKeys.Roll;
using KsQuery.Modules.Keys.Authentication;
using KsQuery.Modules.Keys.Storage;
using KsQuery.Modules.Usage.Alerts;
using KsQuery.Modules.Usage.Limits;
using KsQuery.Modules.Usage.Rejections;
using KsQuery.Modules.Usage.Storage;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace KsQuery.Host.OpenApi;

/// <summary>What the generated schemas of the dashboard and public models cannot know from the C# types alone:
/// a request field the server refuses to go without is not nullable (the records keep <c>string?</c> so that a missing
/// one is a 400 <c>validation_failed</c> of their own), the ranges the endpoints enforce, and the closed sets of values
/// the server sends, each taken from the constants the code uses.</summary>
internal sealed class ModelSchemas : IOpenApiSchemaTransformer
{
    private static readonly string[] KeyStatuses = [ApiKeyStatusNames.Active, ApiKeyStatusNames.Revoked, ApiKeyStatusNames.Expired];
    private static readonly string[] ChainStatuses = [ChainStatus.Available, ChainStatus.ComingSoon];
    private static readonly string?[] ChainHealths = [ChainHealth.Healthy, ChainHealth.Unhealthy, null];

    /// <summary>Codes of the refusals the rejections log keeps: those of a call whose key could be identified.</summary>
    private static readonly string[] RejectionCodes =
    [
        KeyFailureCodes.Invalid, KeyFailureCodes.Revoked, KeyFailureCodes.Expired, KeyFailureCodes.Disabled, "key_scope_mismatch", KeyRestrictionRefusals.Code,
        LimitDecision.RateLimited, LimitDecision.QuotaExceeded,
    ];

    private static readonly Dictionary<(Type Model, string Property), Action<OpenApiSchema>> Rules = new()
    {
        [(typeof(CreateApiKeyRequest), "rateLimitPerSecond")] = Range(1, ApiKeyRules.MaxRateLimitPerSecond),
        [(typeof(CreateApiKeyRequest), "monthlyQuota")] = Range(1, ApiKeyRules.MaxMonthlyQuota),
        [(typeof(RollApiKeyRequest), "gracePeriodSeconds")] = Range(0, ApiKeyRules.MaxGracePeriodSeconds),
        [(typeof(ApiKeyResponse), "status")] = OneOf(KeyStatuses),
        [(typeof(CreatedApiKeyResponse), "status")] = OneOf(KeyStatuses),
        [(typeof(ChainDto), "status")] = OneOf(ChainStatuses),
        [(typeof(NetworkDto), "status")] = OneOf(ChainStatuses),
        // Null for a coming-soon chain no plugin serves.
        [(typeof(ChainDto), "health")] = OneOf(ChainHealths),
        [(typeof(NetworkDto), "health")] = OneOf(ChainHealths),
        [(typeof(UsageAlertDto), "kind")] = OneOf(StoredAlert.NewClientAddress, StoredAlert.RejectionSpike),
        [(typeof(RejectionDto), "code")] = OneOf(RejectionCodes),
        [(typeof(CatalogApiDto), "method")] = OneOf("GET", "POST"),
        [(typeof(CatalogParameterDto), "in")] = OneOf("path", "query"),
        [(typeof(CatalogParameterDto), "type")] = OneOf(Enum.GetValues<KsQuery.Plugins.Abstractions.ParameterType>()
            .Select(KsQuery.Modules.Chains.Calls.ParameterTypes.Name).Distinct().ToArray()),
        // The framework's token answer always sends "Bearer"; its property has a default, so it is not listed as required.
        [(typeof(AccessTokenResponse), "tokenType")] = schema =>
        {
            schema.Type = JsonSchemaType.String;
            OneOf("Bearer")(schema);
        },
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        // Only the schema of the model itself; a property of that type is the same schema by reference.
        if (context.JsonPropertyInfo is not null || schema.Properties is null)
            return Task.CompletedTask;
        var model = context.JsonTypeInfo.Type;

        if (IsRequestModel(model) && schema.Required is not null)
            foreach (var name in schema.Required)
                if (schema.Properties.TryGetValue(name, out var property) && property is OpenApiSchema field && field.Type is { } type)
                    field.Type = type & ~JsonSchemaType.Null;

        // A property left out when null (JsonIgnore WhenWritingNull) is never sent as null: absent or a value. The
        // framework wraps a nullable object property in oneOf [null, $ref] after the transformers, so the document
        // transformer removes the null then (RemoveNullOfOmittedProperties).
        foreach (var omitted in context.JsonTypeInfo.Properties.Where(OmittedWhenNull))
        {
            OmittedWhenNullByModel.GetOrAdd(model.Name, _ => new System.Collections.Concurrent.ConcurrentDictionary<string, byte>())[omitted.Name] = 0;
            if (schema.Properties.TryGetValue(omitted.Name, out var property) && property is OpenApiSchema field)
                schema.Properties[omitted.Name] = WithoutNull(field);
        }

        foreach (var (name, property) in schema.Properties)
            if (property is OpenApiSchema field && Rules.TryGetValue((model, name), out var rule))
                rule(field);

        if (model == typeof(AccessTokenResponse))
        {
            schema.Required ??= new HashSet<string>();
            schema.Required.Add("tokenType");
        }
        return Task.CompletedTask;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, System.Collections.Concurrent.ConcurrentDictionary<string, byte>>
        OmittedWhenNullByModel = new(StringComparer.Ordinal);

    /// <summary>Once the document is complete: the properties seen omitted when null lose the null of their oneOf.</summary>
    public static void RemoveNullOfOmittedProperties(OpenApiDocument document)
    {
        foreach (var (model, properties) in OmittedWhenNullByModel)
            if (document.Components?.Schemas is { } schemas && schemas.TryGetValue(model, out var found)
                && found is OpenApiSchema { Properties: { } fields })
                foreach (var name in properties.Keys)
                    if (fields.TryGetValue(name, out var property) && property is OpenApiSchema field)
                        fields[name] = WithoutNull(field);
    }

    private static bool OmittedWhenNull(System.Text.Json.Serialization.Metadata.JsonPropertyInfo property) =>
        property.AttributeProvider?.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonIgnoreAttribute), inherit: true)
            .OfType<System.Text.Json.Serialization.JsonIgnoreAttribute>()
            .Any(a => a.Condition == System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull) == true;

    /// <summary>The schema without null: the type loses its null, and oneOf [null, X] becomes X.</summary>
    private static IOpenApiSchema WithoutNull(OpenApiSchema schema)
    {
        if (schema.Type is { } type)
            schema.Type = type & ~JsonSchemaType.Null;
        if (schema.OneOf is { Count: > 1 } choices)
        {
            var values = choices.Where(c => c is not OpenApiSchema { Type: JsonSchemaType.Null }).ToList();
            if (values.Count == 1)
                return values[0];
            schema.OneOf = values;
        }
        return schema;
    }

    /// <summary>The modules' request bodies (records named <c>...Request</c>).</summary>
    private static bool IsRequestModel(Type type) =>
        type.Name.EndsWith("Request", StringComparison.Ordinal) && type.Namespace?.StartsWith("KsQuery.Modules.", StringComparison.Ordinal) == true;

    private static Action<OpenApiSchema> Range(long minimum, long maximum) => schema =>
    {
        schema.Minimum = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture);
        schema.Maximum = maximum.ToString(System.Globalization.CultureInfo.InvariantCulture);
    };

    private static Action<OpenApiSchema> OneOf(params string?[] values) => schema =>
        schema.Enum = values.Select(v => (JsonNode)JsonValue.Create(v)!).ToList();
}
