using System.Text.Json;

namespace Host.Tests.OpenApi;

/// <summary>The models and parameters of the dashboard and public operations say what the server needs and sends:
/// request bodies require exactly the fields the server refuses to go without (and those are not nullable), numbers
/// carry the ranges the server enforces, closed sets are enums, and paging and time query values are typed.</summary>
public sealed class ModelSchemaTests(OpenApiDocumentFixture fixture) : IClassFixture<OpenApiDocumentFixture>
{
    private JsonElement Schemas => fixture.Document.GetProperty("components").GetProperty("schemas");

    public static TheoryData<string, string[]> RequiredRequestFields => new()
    {
        { "SignUpRequest", ["email", "password"] },
        { "LoginRequest", ["email", "password"] },
        { "RefreshRequest", ["refreshToken"] },
        { "LogoutRequest", ["refreshToken"] },
        { "SelectionRequest", ["chain", "network"] },
        { "CreateApiKeyRequest", ["name"] },
        { "UpdateApiKeyRequest", [] },
        { "RollApiKeyRequest", [] },
        { "RevealApiKeyRequest", ["password"] },
    };

    [Theory]
    [MemberData(nameof(RequiredRequestFields))]
    public void A_request_model_requires_what_the_server_needs_and_those_fields_are_not_nullable(string model, string[] required)
    {
        var schema = Schemas.GetProperty(model);
        var declared = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];
        declared.ShouldBe(required, ignoreOrder: true, model);
        foreach (var field in required)
            Types(schema.GetProperty("properties").GetProperty(field)).ShouldNotContain("null", $"{model}.{field} is required, so null is refused");
    }

    [Fact]
    public void Optional_request_fields_stay_nullable_because_the_server_takes_null_as_left_out()
    {
        var create = Schemas.GetProperty("CreateApiKeyRequest").GetProperty("properties");
        foreach (var field in new[] { "description", "chain", "network", "expiresAt", "rateLimitPerSecond", "monthlyQuota", "recoverable" })
            Types(create.GetProperty(field)).ShouldContain("null", field);
    }

    [Theory]
    [InlineData("CreateApiKeyRequest", "rateLimitPerSecond", 1, 1_000_000)]
    [InlineData("CreateApiKeyRequest", "monthlyQuota", 1, 1_000_000_000_000)]
    [InlineData("RollApiKeyRequest", "gracePeriodSeconds", 0, 604_800)]
    public void Request_numbers_are_json_integers_with_the_range_the_server_enforces(string model, string field, long minimum, long maximum)
    {
        var property = Schemas.GetProperty(model).GetProperty("properties").GetProperty(field);
        Types(property).ShouldContain("integer");
        Types(property).ShouldNotContain("string");
        property.GetProperty("minimum").GetInt64().ShouldBe(minimum);
        property.GetProperty("maximum").GetInt64().ShouldBe(maximum);
    }

    [Theory]
    [InlineData("ApiKeyResponse", "status", new[] { "active", "revoked", "expired" })]
    [InlineData("CreatedApiKeyResponse", "status", new[] { "active", "revoked", "expired" })]
    [InlineData("ChainDto", "status", new[] { "available", "coming-soon" })]
    [InlineData("NetworkDto", "status", new[] { "available", "coming-soon" })]
    [InlineData("ChainDto", "health", new[] { "healthy", "unhealthy", null })]
    [InlineData("NetworkDto", "health", new[] { "healthy", "unhealthy", null })]
    [InlineData("UsageAlertDto", "kind", new[] { "new_client_address", "rejection_spike" })]
    [InlineData("CatalogApiDto", "method", new[] { "GET", "POST" })]
    [InlineData("CatalogParameterDto", "in", new[] { "path", "query" })]
    [InlineData("CatalogParameterDto", "type", new[] { "string", "integer", "boolean", "date-time" })]
    [InlineData("RejectionDto", "code", new[] { "key_invalid", "key_revoked", "key_expired", "key_disabled", "key_scope_mismatch", "key_restricted", "rate_limited", "quota_exceeded" })]
    [InlineData("AccessTokenResponse", "tokenType", new[] { "Bearer" })]
    public void Closed_sets_in_answers_are_enums(string model, string field, string[] values)
    {
        var property = Schemas.GetProperty(model).GetProperty("properties").GetProperty(field);
        property.GetProperty("enum").EnumerateArray().Select(v => v.GetString()).ShouldBe(values, ignoreOrder: true, $"{model}.{field}");
    }

    [Fact]
    public void A_key_s_usage_totals_are_absent_or_an_object_never_null()
    {
        var schema = Schemas.GetProperty("ApiKeyResponse");
        schema.GetProperty("required").EnumerateArray().Select(x => x.GetString()).ShouldNotContain("usage");
        var usage = schema.GetProperty("properties").GetProperty("usage");
        usage.GetRawText().ShouldNotContain("\"null\"");
        usage.GetRawText().ShouldContain("#/components/schemas/ApiKeyUsageTotals");
    }

    [Fact]
    public void The_token_type_is_always_sent()
    {
        var schema = Schemas.GetProperty("AccessTokenResponse");
        schema.GetProperty("required").EnumerateArray().Select(x => x.GetString()).ShouldContain("tokenType");
        Types(schema.GetProperty("properties").GetProperty("tokenType")).ShouldBe(["string"]);
    }

    [Theory]
    [InlineData("/v1/keys", "get")]
    [InlineData("/v1/usage/rejections", "get")]
    public void Paging_query_values_are_integers_with_integer_defaults_and_their_ranges(string path, string method)
    {
        var page = Parameter(path, method, "page").GetProperty("schema");
        page.GetProperty("type").GetString().ShouldBe("integer");
        page.GetProperty("default").ValueKind.ShouldBe(JsonValueKind.Number);
        page.GetProperty("default").GetInt32().ShouldBe(1);
        page.GetProperty("minimum").GetInt32().ShouldBe(1);
        page.GetProperty("maximum").GetInt32().ShouldBe(1_000_000);
        var size = Parameter(path, method, "size").GetProperty("schema");
        size.GetProperty("type").GetString().ShouldBe("integer");
        size.GetProperty("default").ValueKind.ShouldBe(JsonValueKind.Number);
        size.GetProperty("default").GetInt32().ShouldBe(20);
        size.GetProperty("minimum").GetInt32().ShouldBe(1);
        size.GetProperty("maximum").GetInt32().ShouldBe(100);
    }

    [Theory]
    [InlineData("/v1/usage/summary")]
    [InlineData("/v1/usage/timeseries")]
    [InlineData("/v1/usage/rejections")]
    [InlineData("/v1/keys/{id}/usage")]
    public void Time_range_query_values_are_date_times(string path)
    {
        foreach (var name in new[] { "from", "to" })
        {
            var schema = Parameter(path, "get", name).GetProperty("schema");
            schema.GetProperty("type").GetString().ShouldBe("string", name);
            schema.GetProperty("format").GetString().ShouldBe("date-time", name);
        }
    }

    [Theory]
    [InlineData("/v1/keys", "status", "all", new[] { "active", "revoked", "expired", "all" })]
    [InlineData("/v1/usage/timeseries", "interval", "hour", new[] { "minute", "hour", "day" })]
    public void Closed_sets_in_queries_are_enums_with_their_default(string path, string name, string @default, string[] values)
    {
        var schema = Parameter(path, "get", name).GetProperty("schema");
        schema.GetProperty("enum").EnumerateArray().Select(v => v.GetString()).ShouldBe(values, ignoreOrder: true);
        schema.GetProperty("default").GetString().ShouldBe(@default);
    }

    [Fact]
    public void Every_parameter_default_is_a_value_of_the_parameters_type()
    {
        var wrong = new List<string>();
        var defaults = 0;
        foreach (var (path, method, operation) in fixture.Operations())
            if (operation.TryGetProperty("parameters", out var parameters))
                foreach (var parameter in parameters.EnumerateArray())
                {
                    var schema = parameter.GetProperty("schema");
                    var where = $"{method.ToUpperInvariant()} {path} {parameter.GetProperty("name").GetString()}";
                    var types = Types(schema);
                    if (types.Contains("integer") && types.Contains("string"))
                        wrong.Add($"{where}: integer or string");
                    if (!schema.TryGetProperty("default", out var value))
                        continue;
                    defaults++;
                    var fits = value.ValueKind switch
                    {
                        JsonValueKind.Number => types.Contains("integer") ? value.TryGetInt64(out _) : types.Contains("number"),
                        JsonValueKind.String => types.Contains("string"),
                        JsonValueKind.True or JsonValueKind.False => types.Contains("boolean"),
                        _ => false,
                    };
                    if (!fits)
                        wrong.Add($"{where}: default {value.GetRawText()} for type {string.Join("|", types)}");
                }
        defaults.ShouldBeGreaterThan(5);
        wrong.ShouldBeEmpty();
    }

    private JsonElement Parameter(string path, string method, string name) =>
        fixture.Document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == name);

    private static string[] Types(JsonElement schema) =>
        !schema.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToArray()
        : [type.GetString()!];
}
