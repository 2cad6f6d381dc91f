using System.Net;
using System.Text.Json;
using Host.Tests.Support;

namespace Host.Tests.Chains;

/// <summary>The chain APIs as the OpenAPI document and the catalog describe them: every one typed by a named component,
/// and every one answering 200 when called with the examples and defaults the document gives (what Scalar's "Test
/// Request" sends), because those examples come from the running ledger.</summary>
public sealed class ChainApiExampleTests(SignedInHostFixture fixture) : IClassFixture<SignedInHostFixture>
{
    private const string Prefix = "/v1/kalp/testnet/";
    private const string ComponentPrefix = "#/components/schemas/";

    [Fact]
    public async Task Every_chain_api_answers_200_to_the_documents_examples_and_the_answer_has_its_components_required_properties()
    {
        var document = await DocumentAsync();
        var operations = ChainOperations(document).ToList();
        operations.Count.ShouldBe(17);
        var failures = new List<string>();
        foreach (var (path, method, operation) in operations)
        {
            var (url, body) = ExampleRequest(path, operation, failures);
            var (status, answer, _) = await fixture.Api.SendAsync(new HttpMethod(method.ToUpperInvariant()), url, body, apiKey: fixture.Key);
            if (status != HttpStatusCode.OK)
            {
                failures.Add($"{method.ToUpperInvariant()} {url}: {(int)status} {answer}");
                continue;
            }
            var schema = operation.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
            var component = Component(document, schema.GetProperty("$ref").GetString()!);
            foreach (var required in component.GetProperty("required").EnumerateArray().Select(r => r.GetString()!))
                if (!answer.TryGetProperty(required, out _))
                    failures.Add($"{method.ToUpperInvariant()} {url}: the answer has no '{required}' ({schema.GetProperty("$ref").GetString()})");
        }
        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_catalog_gives_the_same_examples_as_the_document()
    {
        var document = await DocumentAsync();
        var (_, catalog, _) = await fixture.Api.GetAsync("/v1/chains/kalp/networks/testnet/apis");
        var wrong = new List<string>();
        foreach (var api in catalog.GetProperty("apis").EnumerateArray())
        {
            var operation = document.GetProperty("paths").GetProperty(api.GetProperty("path").GetString()!)
                .GetProperty(api.GetProperty("method").GetString()!.ToLowerInvariant());
            var documented = operation.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!,
                    p => p.TryGetProperty("example", out var e) ? e.ToString() : null)
                : [];
            foreach (var parameter in api.GetProperty("parameters").EnumerateArray())
            {
                var name = parameter.GetProperty("name").GetString()!;
                var example = parameter.GetProperty("example") is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;
                if (example != documented[name])
                    wrong.Add($"{api.GetProperty("id")}.{name}: catalog {example ?? "none"}, document {documented[name] ?? "none"}");
                if (parameter.GetProperty("in").GetString() == "path" && example is null)
                    wrong.Add($"{api.GetProperty("id")}.{name}: a path parameter without an example");
            }
            if (api.GetProperty("body") is { ValueKind: JsonValueKind.Object } body)
            {
                var documentedBody = operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
                JsonSerializer.Serialize(JsonDocument.Parse(body.GetProperty("example").GetString()!).RootElement)
                    .ShouldBe(JsonSerializer.Serialize(documentedBody));
            }
        }
        wrong.ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_chain_api_declares_its_answer_as_a_named_component_whose_nested_objects_are_components_too()
    {
        var document = await DocumentAsync();
        var wrong = new List<string>();
        foreach (var (path, method, operation) in ChainOperations(document))
        {
            var media = operation.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json");
            if (!media.TryGetProperty("schema", out var schema) || !schema.TryGetProperty("$ref", out var reference)
                || !reference.GetString()!.StartsWith(ComponentPrefix + "Kalp", StringComparison.Ordinal))
            {
                wrong.Add($"{method} {path}: the 200 answer is not a Kalp component");
                continue;
            }
            CheckObject(document, reference.GetString()!, Component(document, reference.GetString()!), wrong, []);
        }
        wrong.ShouldBeEmpty();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        foreach (var name in new[] { "KalpBlock", "KalpBlockPage", "KalpTransaction", "KalpTransactionPage", "KalpBalance", "KalpToken", "KalpNetworkInfo" })
            schemas.TryGetProperty(name, out _).ShouldBeTrue(name);
    }

    [Fact]
    public async Task Amounts_are_strings_and_counts_are_integers_in_the_schema_as_in_the_answers()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        TypeOf(schemas.GetProperty("KalpBalance"), "balance").ShouldBe("string");
        TypeOf(schemas.GetProperty("KalpToken"), "totalSupply").ShouldBe("string");
        schemas.GetProperty("KalpBalance").GetProperty("properties").GetProperty("balance").GetProperty("description").GetString()!
            .ShouldContain("decimal string");
        TypeOf(schemas.GetProperty("KalpBlock"), "number").ShouldBe("integer");
        TypeOf(schemas.GetProperty("KalpBlockPage"), "total").ShouldBe("integer");
        schemas.GetProperty("KalpBlock").GetProperty("properties").GetProperty("timestamp").GetProperty("format").GetString().ShouldBe("date-time");
        // A nullable value says so, and only it.
        var previous = schemas.GetProperty("KalpBlock").GetProperty("properties").GetProperty("previousHash").GetProperty("type");
        previous.EnumerateArray().Select(t => t.GetString()).ShouldBe(["null", "string"], ignoreOrder: true);
        TypeOf(schemas.GetProperty("KalpBlock"), "hash").ShouldBe("string");
        // Closed sets are enums.
        foreach (var component in new[] { "KalpTransaction", "KalpTransactionSummary" })
        {
            var properties = schemas.GetProperty(component).GetProperty("properties");
            properties.GetProperty("status").GetProperty("enum").EnumerateArray().Select(v => v.GetString()).ShouldBe(["SUCCESS", "FAILED"], component);
            properties.GetProperty("type").GetProperty("enum").EnumerateArray().Select(v => v.GetString())
                .ShouldBe(["ENDORSER_TRANSACTION", "CONFIG"], component);
        }
    }

    [Fact]
    public async Task Each_error_answer_of_a_chain_api_lists_the_codes_it_can_carry_over_the_shared_problem()
    {
        var document = await DocumentAsync();
        var codes = ChainOperations(document).ToDictionary(o => $"{o.Method} {o.Path}", o => Codes(o.Operation));

        codes["get /v1/kalp/testnet/blocks/{number}"]["404"].ShouldBe(["block_not_found"]);
        codes["get /v1/kalp/testnet/blocks/{number}"]["401"].ShouldBe(["key_missing", "key_invalid", "key_revoked", "key_expired", "key_disabled"], ignoreOrder: true);
        codes["get /v1/kalp/testnet/blocks/{number}"]["501"].ShouldBe(["not_supported_by_source"]);
        codes["get /v1/kalp/testnet/network"].ContainsKey("404").ShouldBeFalse("network-info has nothing to look up");
        codes["get /v1/kalp/testnet/network"].ContainsKey("400").ShouldBeFalse("network-info takes no parameter");
        codes["post /v1/kalp/testnet/smart-contracts/{contractId}/query/{function}"]["404"].ShouldBe(["contract_not_found", "function_not_found"], ignoreOrder: true);
        codes["post /v1/kalp/testnet/smart-contracts/{contractId}/query/{function}"]["400"].ShouldBe(["validation_failed", "malformed_json"], ignoreOrder: true);
        codes["post /v1/kalp/testnet/smart-contracts/{contractId}/query/{function}"].ContainsKey("501").ShouldBeFalse("the gateway serves it");
        codes["get /v1/kalp/testnet/tokens/{contractId}"]["502"].ShouldBe(["upstream_unavailable"]);
        codes["get /v1/kalp/testnet/tokens/{contractId}"]["501"].ShouldBe(["not_supported_by_source"], "the gateway needs a default wallet for it");
        foreach (var (operation, statuses) in codes)
        {
            statuses["429"].ShouldBe(["rate_limited", "quota_exceeded"], ignoreOrder: true, operation);
            statuses["403"].ShouldBe(["key_scope_mismatch", "key_restricted"], operation);
            (statuses.ContainsKey("501") || statuses.ContainsKey("502")).ShouldBeTrue($"{operation}: the gateway source's answer");
        }
    }

    private async Task<JsonElement> DocumentAsync()
    {
        var (status, document, _) = await fixture.Api.GetAsync("/openapi/v1.json");
        status.ShouldBe(HttpStatusCode.OK);
        return document;
    }

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> ChainOperations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith(Prefix, StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Where(m => m.Name is "get" or "post").Select(m => (p.Name, m.Name, m.Value)));

    /// <summary>The request Scalar's "Test Request" makes: path and query parameters from their example, else their
    /// default; the body from the request body's example.</summary>
    private static (string Url, object? Body) ExampleRequest(string path, JsonElement operation, List<string> failures)
    {
        var url = path;
        var query = new List<string>();
        foreach (var parameter in operation.TryGetProperty("parameters", out var parameters) ? parameters.EnumerateArray() : default)
        {
            var name = parameter.GetProperty("name").GetString()!;
            var value = parameter.TryGetProperty("example", out var example) ? example
                : parameter.GetProperty("schema").TryGetProperty("default", out var @default) ? @default : (JsonElement?)null;
            if (parameter.GetProperty("in").GetString() == "path")
            {
                if (value is null)
                    failures.Add($"{path}: path parameter {name} has no example");
                url = url.Replace("{" + name + "}", Uri.EscapeDataString(value?.ToString() ?? "x"), StringComparison.Ordinal);
            }
            else if (value is { } given)
                query.Add($"{name}={Uri.EscapeDataString(given.ToString())}");
        }
        if (query.Count > 0)
            url += "?" + string.Join("&", query);
        object? body = operation.TryGetProperty("requestBody", out var requestBody)
            && requestBody.GetProperty("content").GetProperty("application/json").TryGetProperty("example", out var bodyExample)
                ? bodyExample
                : null;
        return (url, body);
    }

    private static JsonElement Component(JsonElement document, string reference) =>
        document.GetProperty("components").GetProperty("schemas").GetProperty(reference[ComponentPrefix.Length..]);

    /// <summary>Every property whose value is an object is a reference to a component (possibly nullable), recursively.</summary>
    private static void CheckObject(JsonElement document, string name, JsonElement schema, List<string> wrong, HashSet<string> seen)
    {
        if (!seen.Add(name))
            return;
        if (!schema.TryGetProperty("required", out _))
            wrong.Add($"{name}: no required list");
        foreach (var property in schema.GetProperty("properties").EnumerateObject())
        {
            var value = property.Value;
            if (value.TryGetProperty("anyOf", out var anyOf))
                value = anyOf[0];
            if (value.TryGetProperty("items", out var items))
                value = items;
            if (value.TryGetProperty("$ref", out var reference))
                CheckObject(document, reference.GetString()!, Component(document, reference.GetString()!), wrong, seen);
            else if (value.TryGetProperty("properties", out _))
                wrong.Add($"{name}.{property.Name}: an inline object, not a component");
        }
    }

    private static string? TypeOf(JsonElement component, string property) =>
        component.GetProperty("properties").GetProperty(property).GetProperty("type") is { ValueKind: JsonValueKind.String } type ? type.GetString() : "several";

    private static Dictionary<string, List<string>> Codes(JsonElement operation) =>
        operation.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5').ToDictionary(
            r => r.Name,
            r => r.Value.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("allOf")[1]
                .GetProperty("properties").GetProperty("code").GetProperty("enum").EnumerateArray().Select(c => c.GetString()!).ToList());
}
